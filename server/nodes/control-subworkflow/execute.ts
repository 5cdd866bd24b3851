import { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZSubworkflowConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";
import { NodeError } from "../node-error";

const ZChildOutcome = z.object({ status: z.enum(["SUCCEEDED", "FAILED", "CANCELLED"]), output: z.unknown(), error: z.string().nullish() });

export const execute: TExecutor<z.infer<typeof ZSubworkflowConfig>> = async (ctx) => {
  if (ctx.resume?.kind === "subworkflow") {
    const outcome = ZChildOutcome.parse(ctx.resume.payload);
    if (outcome.status === "SUCCEEDED") return { kind: "done", output: outcome.output ?? null };
    throw new NodeError("UPSTREAM", `Node "${ctx.nodeId}": the sub-workflow run ${outcome.status === "FAILED" ? `failed: ${outcome.error ?? "no reason given"}` : "was cancelled"}.`, {
      isRetryable: false,
    });
  }
  const input = await evaluateExpression(ctx.config.input, ctx.scope, { nodeId: ctx.nodeId, field: "input" });
  const childRunId = await ctx.services.engine.startChildRun({
    workflowId: ctx.config.workflowId,
    input: input ?? null,
    parentRunId: ctx.runId,
    parentStepRunId: ctx.stepRunId,
  });
  return { kind: "wait", wait: { kind: "subworkflow", childRunId } };
};
