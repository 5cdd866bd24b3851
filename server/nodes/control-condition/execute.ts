import type { TExecutor } from "../execute-types";
import type { z } from "zod";
import type { ZConditionConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";

/** JSONata truthiness: false, null, missing, 0, "" and empty arrays are false. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

export const execute: TExecutor<z.infer<typeof ZConditionConfig>> = async (ctx) => {
  const value = await evaluateExpression(ctx.config.condition, ctx.scope, { nodeId: ctx.nodeId, field: "condition" });
  const result = isTruthy(value);
  return { kind: "done", output: { result }, handles: [result ? "true" : "false"] };
};
