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
