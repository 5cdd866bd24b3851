import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZLoopConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";
import { NodeError } from "../node-error";

/** Evaluates the list; the engine then runs the body once per item and completes the loop with the results. */
export const execute: TExecutor<z.infer<typeof ZLoopConfig>> = async (ctx) => {
  const value = await evaluateExpression(ctx.config.items, ctx.scope, { nodeId: ctx.nodeId, field: "items" });
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  if (items.length > ctx.config.maxItems) {
    throw new NodeError(
      "INVALID_INPUT",
      `Node "${ctx.nodeId}": the list has ${items.length} items, above this loop's limit of ${ctx.config.maxItems}.`,
    );
  }
  return { kind: "done", output: { count: items.length, items } };
};
