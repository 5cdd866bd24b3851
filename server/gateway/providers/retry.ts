import { setTimeout as sleep } from "node:timers/promises";
import { NodeError, isNodeError, type TNodeErrorCode } from "../../nodes/node-error";
import { abortError } from "./errors";

// The provider layer's one retry policy (the AI SDK's own retries are turned off, maxRetries: 0): a call that failed
// with a 429, a 5xx, a 408 or a network error is sent again up to `maxRetries` times, after the provider's
// Retry-After (or retry-after-ms) when it sent one, else after 1 s, then 2 s (exponential, each with up to half of it
// as jitter below). A wait that would end after the call's deadline, or a Retry-After above 30 s, is not waited: the
// error goes up as it is (a route then falls back; the engine may retry the step later, honouring the same
// Retry-After). Cancellation stops the wait at once.

export const PROVIDER_MAX_RETRIES = 2;
export const PROVIDER_RETRY_BASE_MS = 1000;
/** The longest Retry-After waited inside one call; longer waits are left to the engine, which parks the step. */
export const MAX_IN_CALL_RETRY_AFTER_MS = 30_000;

const RETRIED_CODES = new Set<TNodeErrorCode>(["RATE_LIMITED", "HTTP_5XX", "TIMEOUT", "NETWORK"]);

export type TRetryOptions = {
  maxRetries: number;
  /** The caller's signal: an abort stops a wait and is never retried. */
  signal: AbortSignal;
  /** Epoch ms after which no new try starts. */
  deadline: number;
  random?: () => number;
};

/** How long to wait before retry number `retry` (1-based) after `error`, or null when it must not be retried. */
export function retryDelayMs(error: unknown, retry: number, options: Pick<TRetryOptions, "maxRetries" | "deadline" | "random">, now = Date.now()): number | null {
  if (retry > options.maxRetries || !isNodeError(error) || !error.isRetryable || !RETRIED_CODES.has(error.code)) return null;
  const asked = typeof error.details?.retryAfterMs === "number" ? error.details.retryAfterMs : undefined;
  if (asked !== undefined && asked > MAX_IN_CALL_RETRY_AFTER_MS) return null;
  const ceiling = PROVIDER_RETRY_BASE_MS * 2 ** (retry - 1);
  const delay = asked ?? Math.round(ceiling / 2 + ((options.random ?? Math.random)() * ceiling) / 2);
  return now + delay < options.deadline ? delay : null;
}

/** Runs `fn` (given the retry number, 0 for the first try) under the policy above; resolves with how many retries it took. */
export async function withProviderRetries<T>(fn: (retry: number) => Promise<T>, options: TRetryOptions): Promise<{ value: T; retries: number }> {
  for (let retry = 0; ; retry += 1) {
    try {
      return { value: await fn(retry), retries: retry };
    } catch (error) {
      if (options.signal.aborted) throw error;
      const delay = retryDelayMs(error, retry + 1, options);
      if (delay === null) throw withRetries(error, retry);
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch {
        throw abortError(options.signal, "The model call was cancelled.");
      }
    }
  }
}

/** The last failure, saying how many times it was retried (when it was). */
function withRetries(error: unknown, retries: number): unknown {
  if (retries === 0 || !isNodeError(error)) return error;
  const times = retries === 1 ? "1 retry" : `${retries} retries`;
  return new NodeError(error.code, `${error.message} (after ${times})`, {
    isRetryable: error.isRetryable,
    details: { ...error.details, retries },
    cause: error,
  });
}
