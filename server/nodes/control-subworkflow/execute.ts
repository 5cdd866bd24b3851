import { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZSubworkflowConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";
import { NodeError } from "../node-error";

const ZChildOutcome = z.object({
  status: z.enum(["SUCCEEDED", "FAILED", "CANCELLED"]),
  output: z.unknown(),
  error: z.string().nullish(),
  childRunId: z.string().optional(),
});

export const execute: TExecutor<z.infer<typeof ZSubworkflowConfig>> = async (ctx) => {
  if (ctx.resume?.kind === "subworkflow") {
    const outcome = ZChildOutcome.parse(ctx.resume.payload);
    // Placeholders the child's run redacted or masked stand for values of its vault: rewritten as this run's.
    const sealed = outcome.childRunId && ctx.services.engine.childVault ? await ctx.services.engine.childVault(outcome.childRunId) : null;
    if (outcome.status === "SUCCEEDED") return { kind: "done", output: await ctx.governance.adoptChildOutput(sealed, outcome.output ?? null) };
    const reason = outcome.error ? String(await ctx.governance.adoptChildOutput(sealed, outcome.error)) : "no reason given";
    throw new NodeError("UPSTREAM", `Node "${ctx.nodeId}": the sub-workflow run ${outcome.status === "FAILED" ? `failed: ${reason}` : "was cancelled"}.`, {
      isRetryable: false,
    });
  }
  const input = await evaluateExpression(ctx.config.input, ctx.scope, { nodeId: ctx.nodeId, field: "input" });
  const childRunId = await ctx.services.engine.startChildRun({
    workflowId: ctx.config.workflowId,
    input: input ?? null,
    parentRunId: ctx.runId,
    parentStepRunId: ctx.stepRunId,
    vault: ctx.governance.vaultForChild(),
  });
  return { kind: "wait", wait: { kind: "subworkflow", childRunId } };
};
