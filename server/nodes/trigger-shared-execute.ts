import type { TExecutor } from "./execute-types";

/** Every trigger starts the run with the payload it received; `trigger.*` in expressions reads the same value. */
export const executeTrigger: TExecutor<unknown> = async (ctx) => ({ kind: "done", output: ctx.scope.trigger });
