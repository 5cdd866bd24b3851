import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZDelayConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";
import { NodeError } from "../node-error";

export const execute: TExecutor<z.infer<typeof ZDelayConfig>> = async (ctx) => {
  if (ctx.resume?.kind === "delay") return { kind: "done", output: { waitedUntil: new Date().toISOString() } };
  let until: Date;
  if (ctx.config.mode === "duration") {
    until = new Date(Date.now() + ctx.config.durationMs);
  } else {
    const value = await evaluateExpression(ctx.config.until, ctx.scope, { nodeId: ctx.nodeId, field: "until" });
    until = new Date(typeof value === "number" || typeof value === "string" ? value : Number.NaN);
    if (Number.isNaN(until.getTime())) {
      throw new NodeError("INVALID_INPUT", `Node "${ctx.nodeId}": "until" gave ${JSON.stringify(value)}, which is not a date and time.`);
    }
  }
  if (until.getTime() <= Date.now()) return { kind: "done", output: { waitedUntil: until.toISOString() } };
  return { kind: "wait", wait: { kind: "delay", until } };
};
