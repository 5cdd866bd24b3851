import { z } from "zod";
import { NodeError, isNodeError } from "../../nodes/node-error";

// How a provider's failure reads, classified for fallback and retry: network, timeout, 429 and 5xx are retryable;
// other 4xx are the request's (or the key's) fault and are not. Messages quote the provider's own words.

export const DEFAULT_PROVIDER_TIMEOUT_MS = 60_000;
const MAX_ERROR_TEXT = 300;

/** The `error.message` of an OpenAI-shaped error body (the Sandbox's, most vendors'), else the text itself. */
export function upstreamMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    const parsed = z
      .object({ error: z.object({ message: z.string() }).loose() })
      .loose()
      .safeParse(body);
    if (parsed.success) return parsed.data.error.message.slice(0, MAX_ERROR_TEXT);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, MAX_ERROR_TEXT);
}

/** A provider's HTTP failure: `reason` is what it said; `retryAfterMs` the wait it asked for, if any. */
export function httpError(providerName: string, status: number, reason: string, retryAfterMs?: number): NodeError {
  const said = reason.trim().slice(0, MAX_ERROR_TEXT) || `HTTP ${status}`;
  const details = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 429)
    return new NodeError("RATE_LIMITED", `${providerName} rate-limited the call (429): ${said}`, { details });
  if (status >= 500)
    return new NodeError("HTTP_5XX", `${providerName} failed with HTTP ${status}: ${said}`, { details });
  if (status === 408)
    return new NodeError("TIMEOUT", `${providerName} timed out the request (408): ${said}`, { details });
  return new NodeError("HTTP_4XX", `${providerName} refused the request with HTTP ${status}: ${said}`, { details });
}

/** Why the caller aborted: its own NodeError reason (the engine aborts a step's timeout with TIMEOUT), else CANCELLED. */
export function abortError(signal: AbortSignal, message: string): NodeError {
  return isNodeError(signal.reason) ? signal.reason : new NodeError("CANCELLED", message);
}

/** The caller's abort keeps its reason; the provider's own deadline is a TIMEOUT. */
export function deadlineError(providerName: string, callerSignal: AbortSignal, timeoutMs: number): NodeError {
  if (callerSignal.aborted) return abortError(callerSignal, `The call to ${providerName} was cancelled.`);
  return new NodeError("TIMEOUT", `${providerName} did not answer within ${timeoutMs} ms.`);
}
