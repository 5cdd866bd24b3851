// Runs user JavaScript in the code sandbox: QuickJS compiled to WebAssembly, on a pool of worker threads
// (server/sandbox/), so a script never blocks this process's event loop. The sandbox has no network, filesystem,
// modules, timers or process; each run starts from a fresh runtime and context. This module turns what became of a
// run into the step's result or a NodeError a person understands.
import { getSandboxPool, type TSandboxLogLine, type TSandboxPool } from "../../sandbox/sandbox-pool";
import { NodeError } from "../node-error";
import { valueTooLarge } from "../../engine/value-limits";

export type TSandboxLog = TSandboxLogLine;
export type TSandboxOptions = {
  timeoutMs: number;
  memoryLimitMb: number;
  signal?: AbortSignal;
  /** Another pool than the process's own (tests). */
  pool?: TSandboxPool;
  /**
   * The step's output size limit: a result above it is refused inside the sandbox thread, so a large one never
   * reaches this process, with the message of the engine's own check (value-limits.ts).
   */
  output?: { maxBytes: number; nodeId: string };
};
export type TSandboxResult = { result: unknown; logs: TSandboxLog[] };

export async function runInSandbox(code: string, input: unknown, options: TSandboxOptions): Promise<TSandboxResult> {
  const pool = options.pool ?? getSandboxPool();
  const job = {
    code,
    inputJson: JSON.stringify(input ?? null),
    timeoutMs: options.timeoutMs,
    memoryLimitMb: options.memoryLimitMb,
    maxResultBytes: options.output?.maxBytes,
  };
  const outcome = await pool.run(job, options.signal);
  switch (outcome.kind) {
    case "ok":
      return { result: JSON.parse(outcome.resultJson) as unknown, logs: outcome.logs };
    case "too-large": {
      // The step's output is { result, logs }: its size counts the logs too, as the engine's check does.
      const rest = Buffer.byteLength(JSON.stringify({ result: null, logs: outcome.logs }), "utf8") - "null".length;
      throw valueTooLarge({ what: "output", nodeId: options.output?.nodeId ?? "?", maxBytes: options.output?.maxBytes ?? 0 }, outcome.bytes + rest);
    }
    case "error":
      throw new NodeError(outcome.code, outcome.message, { details: outcome.details });
    case "timeout":
      throw new NodeError("CODE_ERROR", `The code ran longer than its ${formatLimit(options.timeoutMs)} limit and was stopped.`, {
        details: { limit: "time" },
      });
    case "cancelled":
      throw new NodeError(
        "CANCELLED",
        outcome.isStarted ? "Code was stopped because the step was cancelled." : "Code was not run because the step was cancelled.",
      );
    case "queue-timeout":
      // Capacity, not the code: another attempt may find a free thread.
      throw new NodeError(
        "TIMEOUT",
        `The code was not run: none of the ${outcome.threads} code sandbox threads became free within its ${formatLimit(options.timeoutMs)} limit.`,
        { isRetryable: true, details: { limit: "queue" } },
      );
    case "crashed":
      throw new NodeError("CODE_ERROR", "The code sandbox failed while running this code.", { details: { limit: "sandbox" } });
  }
}

/** 150 → "150 ms", 2000 → "2 s", 1500 → "1.5 s". */
export function formatLimit(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(3))} s`;
}
