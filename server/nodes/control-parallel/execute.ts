import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZParallelConfig } from "./definition";

/** Passes its input on to every branch. */
export const execute: TExecutor<z.infer<typeof ZParallelConfig>> = async (ctx) => ({
  kind: "done",
  output: ctx.inputs[0]?.output ?? null,
  handles: Array.from({ length: ctx.config.branches }, (_, i) => `branch_${i + 1}`),
});
