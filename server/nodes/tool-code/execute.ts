import type { TExecutor } from "../execute-types";
import type { TCodeConfig, TCodeOutput } from "./definition";
import { runInSandbox } from "./sandbox";
import { DEFAULT_MAX_STEP_VALUE_BYTES } from "../../engine/value-limits";

// The code sees the whole scope as `input`; failures (syntax, throws, limits, non-JSON results) are non-retryable
// NodeErrors from the sandbox: running the same code on the same input again would fail the same way.
export const execute: TExecutor<TCodeConfig> = async (ctx) => {
  const { result, logs } = await runInSandbox(ctx.config.code, ctx.scope, {
    timeoutMs: ctx.config.timeoutMs,
    memoryLimitMb: ctx.config.memoryLimitMb,
    signal: ctx.signal,
    // The engine's limit for a step's output (worker/engine-worker.ts), checked inside the sandbox thread first.
    output: { maxBytes: DEFAULT_MAX_STEP_VALUE_BYTES, nodeId: ctx.nodeId },
  });
  const output: TCodeOutput = { result, logs };
  return { kind: "done", output };
};
