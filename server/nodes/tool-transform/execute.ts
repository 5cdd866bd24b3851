import { evaluateExpression } from "../../engine/expressions";
import type { TExecutor } from "../execute-types";
import type { TTransformConfig } from "./definition";

/** A missing value (a path that matched nothing) becomes null: step outputs are JSON. */
export const execute: TExecutor<TTransformConfig> = async (ctx) => {
  const value = await evaluateExpression(ctx.config.expression, ctx.scope, { nodeId: ctx.nodeId, field: "expression" });
  return { kind: "done", output: value === undefined ? null : value };
};
