// Timers of steps that wait inside a pass while other steps are in flight: a retry's backoff (or any PENDING step
// with a wake-up time, such as a wait for an open circuit) and an elapsed delay. Without them such a step would wait
// for the pass to end, i.e. for its slowest sibling; with them it is taken up when due, as collectResumable would at
// the start of the next pass. When nothing else is in flight, a timer already due is taken up in the pass all the same;
// otherwise the pass ends and parkRun schedules the timer.
import type { TStepRow } from "./run-state";

/** setTimeout's largest delay; a later deadline just re-arms when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

export class PassTimers {
  private rows: TStepRow[] = [];

  /** Called with every row whose outcome was just applied: keeps it when it now waits for a time. */
  track(row: TStepRow): void {
    if (isTimed(row)) this.rows.push(row);
  }

  /**
   * Waits for the first of `inFlight` to settle or for the earliest tracked timer; "timer" means some rows may be
   * due (see takeDue). An aborted pass starts nothing new, so it waits for its in-flight steps only.
   */
  async race<T>(inFlight: Iterable<Promise<T>>, signal: AbortSignal): Promise<T | "timer"> {
    const earliest = this.earliest();
    if (earliest === null || signal.aborted) return Promise.race(inFlight);
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<"timer">((resolve) => (timer = setTimeout(() => resolve("timer"), Math.min(MAX_TIMER_MS, Math.max(0, earliest - Date.now())))));
    try {
      return await Promise.race([...inFlight, elapsed]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Moves the rows whose time has come to `ready` (nothing when the pass was aborted: it starts no step). */
  takeDue(ready: TStepRow[], signal: AbortSignal): void {
    if (signal.aborted) return;
    const now = Date.now();
    const waiting: TStepRow[] = [];
    for (const row of this.rows) {
      if (!isTimed(row)) continue;
      if (row.waitUntil!.getTime() <= now) ready.push(row);
      else waiting.push(row);
    }
    this.rows = waiting;
  }

  private earliest(): number | null {
    let min: number | null = null;
    for (const row of this.rows) {
      if (!isTimed(row)) continue;
      const at = row.waitUntil!.getTime();
      if (min === null || at < min) min = at;
    }
    return min;
  }
}

function isTimed(row: TStepRow): boolean {
  if (row.waitUntil === null) return false;
  return row.status === "PENDING" || (row.status === "WAITING" && row.waitKind === "delay");
}
