import { z } from "zod";

// Per-node execution settings, common to every node type (the node's own config is type-specific).
export const ZRetrySettings = z.object({
  /** Total attempts including the first; 1 means no retry. */
  maxAttempts: z.number().int().min(1).max(10).default(1),
  backoffMs: z.number().int().min(0).max(600_000).default(1000),
  maxBackoffMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** "retryable": timeouts, network errors, 429 and 5xx; "all": any error. */
  retryOn: z.enum(["retryable", "all"]).default("retryable"),
  /**
   * Measured from the step's first attempt: no retry, and no wait for an open circuit breaker, is scheduled to start
   * later than this; the step fails instead, saying so. Unset: waits for an open circuit end at
   * DEFAULT_RETRY_DEADLINE_MS, and ordinary retries have no deadline (maxAttempts and maxBackoffMs bound them).
   */
  deadlineMs: z.number().int().min(1000).max(86_400_000).optional(),
});

/** How long a step may wait for open circuits when its node sets no deadline: 10 minutes from its first attempt. */
export const DEFAULT_RETRY_DEADLINE_MS = 600_000;

export const ZNodeSettings = z.object({
  retry: ZRetrySettings.default({ maxAttempts: 1, backoffMs: 1000, maxBackoffMs: 60_000, retryOn: "retryable" }),
  timeoutMs: z.number().int().min(100).max(86_400_000).default(300_000),
  /** fail: the run fails; continue: the step fails but the run goes on as if it succeeded (output holds the error);
   *  route: the failure goes out of the node's "error" port. */
  onError: z.enum(["fail", "continue", "route"]).default("fail"),
});
export type TNodeSettings = z.infer<typeof ZNodeSettings>;

export const DEFAULT_NODE_SETTINGS: TNodeSettings = ZNodeSettings.parse({});

/** Exponential backoff with full jitter, capped. `attempt` is the attempt that just failed (1-based). */
export function backoffDelayMs(retry: z.infer<typeof ZRetrySettings>, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.maxBackoffMs, retry.backoffMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
