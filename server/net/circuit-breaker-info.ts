import { z } from "zod";
import { NodeError } from "../nodes/node-error";

// How a breaker's Redis state is presented: to the Settings page (TBreakerInfo) and to a caller refused by an open
// circuit (the CIRCUIT_OPEN error).

export type TBreakerState = "closed" | "open" | "half_open";

export type TBreakerInfo = {
  key: string;
  state: TBreakerState;
  failures: number;
  openedAt: Date | null;
  nextProbeAt: Date | null;
};

export const ZHash = z.record(z.string(), z.string());

/** A closed breaker shows the failures still inside its window; an open one, the failures that opened it. */
export function toInfo(key: string, hash: Record<string, string>, window: Record<string, string>, defaultWindowMs: number): TBreakerInfo {
  const state = z.enum(["closed", "open", "half_open"]).catch("closed").parse(hash.state);
  const at = (value: string | undefined) => (value ? new Date(Number(value)) : null);
  let failures = Number(hash.failures ?? 0);
  if (state === "closed") {
    const windowMs = Number(hash.windowMs ?? defaultWindowMs);
    const bucketMs = Math.max(1, Math.floor(windowMs / 10));
    const cutoff = Date.now() - windowMs;
    failures = Object.entries(window)
      .filter(([field]) => field.startsWith("f:") && Number(field.slice(2)) + bucketMs > cutoff)
      .reduce((sum, [, count]) => sum + Number(count), 0);
  }
  return { key, state, failures, openedAt: at(hash.openedAt), nextProbeAt: at(hash.nextProbeAt) };
}

/** "host api.example.com:8443" or "provider <id>" (callers that know the provider's name say it instead). */
export function breakerTarget(key: string): string {
  return key.startsWith("host:") ? `host ${key.slice(5)}` : key.replace(":", " ");
}

/**
 * The refusal of an open circuit: no call was made. `details.retryAt` is when the breaker lets the next call through
 * (epoch ms; null when unknown), `details.target` what is waited for, as a step shows it.
 */
export function circuitOpenError(key: string, retryAt: number, target = breakerTarget(key)): NodeError {
  const shown = key.startsWith("host:") ? key.slice(5) : target;
  const when = retryAt > 0 ? new Date(retryAt).toISOString() : "shortly";
  return new NodeError(
    "CIRCUIT_OPEN",
    `Calls to ${shown} are paused after repeated failures (circuit breaker open). The next attempt is allowed at ${when}.`,
    { isRetryable: true, details: { key, target, retryAt: retryAt > 0 ? retryAt : null } },
  );
}
