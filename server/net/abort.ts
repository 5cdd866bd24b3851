import { NodeError } from "../nodes/node-error";

// Why a request stopped early decides whether the engine may retry it: a timeout may succeed next time, a
// cancellation must not be retried. AbortSignal.timeout() aborts with a DOMException named "TimeoutError"; the
// engine may also abort with a NodeError of its own, which is passed through unchanged.

export function abortError(signal: AbortSignal, what: string): NodeError {
  const reason: unknown = signal.reason;
  if (reason instanceof NodeError) return reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new NodeError("TIMEOUT", `${what} timed out and was aborted.`, { isRetryable: true });
  }
  return new NodeError("CANCELLED", `${what} was cancelled.`, { isRetryable: false });
}
