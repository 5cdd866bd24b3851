import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZOutputConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";

export const execute: TExecutor<z.infer<typeof ZOutputConfig>> = async (ctx) => {
  const value = await evaluateExpression(ctx.config.value, ctx.scope, { nodeId: ctx.nodeId, field: "value" });
  // Values redacted earlier in the run are put back here when every covering policy allows it (restoreIn "output").
  return { kind: "done", output: await ctx.governance.restoreFor("output", value ?? null) };
};
