import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZSwitchConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";
import { isTruthy } from "../control-condition/execute";

export const execute: TExecutor<z.infer<typeof ZSwitchConfig>> = async (ctx) => {
  const matched: string[] = [];
  for (const [i, c] of ctx.config.cases.entries()) {
    const value = await evaluateExpression(c.when, ctx.scope, { nodeId: ctx.nodeId, field: `cases[${i}].when` });
    if (!isTruthy(value)) continue;
    matched.push(c.id);
    if (ctx.config.match === "first") break;
  }
  const handles = matched.length > 0 ? matched : ["default"];
  return { kind: "done", output: { matched: handles }, handles };
};
