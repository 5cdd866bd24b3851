import { createHash } from "node:crypto";

// The key a step's side effects carry (HTTP `idempotency-key` header, the gateway's routing key): one per run, node,
// loop iteration and attempt, so a repeated delivery of the same attempt is recognisable downstream. A step that a
// re-run reused keeps the key it ran with, which names the run that really executed it.
export function stepIdempotencyKey(runId: string, nodeId: string, iterationKey: string, attempt: number): string {
  return `${runId}:${nodeId}:${iterationKey}:${attempt}`;
}

/** The run whose attempt the key belongs to (run ids hold no ":"). */
export function runIdOfIdempotencyKey(key: string): string {
  const end = key.indexOf(":");
  return end === -1 ? "" : key.slice(0, end);
}

/**
 * The id of a run's step for a node and loop iteration: the same in every pass and every worker (one row per run,
 * node and iteration exists, see StepRun's unique key), so work repeated after a pass that could not be written is
 * recognisable by its step id. 128 bits of SHA-256, in the `st_` + 32 hex form of the ids written before.
 */
export function stepRowId(runId: string, nodeId: string, iterationKey: string): string {
  return `st_${createHash("sha256").update(JSON.stringify([runId, nodeId, iterationKey])).digest("hex").slice(0, 32)}`;
}
