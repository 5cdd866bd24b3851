import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZOutputConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";

export const execute: TExecutor<z.infer<typeof ZOutputConfig>> = async (ctx) => {
  const value = await evaluateExpression(ctx.config.value, ctx.scope, { nodeId: ctx.nodeId, field: "value" });
  return { kind: "done", output: value ?? null };
};
