// While a pass waits for its steps in flight, what it has not written yet (above all, the RUNNING step and its open
// attempt) is written once it is IN_FLIGHT_FLUSH_MS old: a call that takes longer is then on record even if its worker
// dies before it answers (attempts.ts closes such an attempt as aborted by crash). A call that answers sooner costs no
// extra round trip: its start and its end are written together, at the pass's next flush.
import type { TEngineDeps } from "./engine-deps";
import type { RunWriter } from "./writer";

export const IN_FLIGHT_FLUSH_MS = 500;

/**
 * What `next` settles with (the pass's wait for its next outcome, e.g. `() => Promise.race(inFlight.values())`),
 * flushing the writer while it waits; `next` is called again after each flush.
 */
export async function nextOutcome<T>(deps: Pick<TEngineDeps, "db" | "redis">, writer: RunWriter, next: () => Promise<T>): Promise<T> {
  for (;;) {
    const first = next();
    if (!writer.hasChanges) return first;
    let timer: NodeJS.Timeout | undefined;
    const due = new Promise<typeof FLUSH_DUE>((resolve) => {
      timer = setTimeout(() => resolve(FLUSH_DUE), Math.max(0, IN_FLIGHT_FLUSH_MS - writer.pendingForMs));
    });
    const result = await Promise.race([first, due]);
    clearTimeout(timer);
    if (result !== FLUSH_DUE) return result as T;
    await writer.flush(deps.db, deps.redis);
  }
}

const FLUSH_DUE = Symbol("flush-due");
