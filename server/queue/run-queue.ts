import { QUEUE, type TRunJob } from "./definitions";
import { getQueue } from "./connection";

// Wake-ups of runs. Each is its own job: deduplicating them could swallow a wake-up that arrives while a pass is
// already running on stale state. Extra wake-ups are cheap (the pass finds nothing to do); the per-run lock keeps
// two passes of one run from overlapping.

export async function enqueueRun(runId: string, reason = "wake", delayMs = 0): Promise<void> {
  const job: TRunJob = { runId, reason };
  await getQueue(QUEUE.runs).add("run", job, delayMs > 0 ? { delay: delayMs } : undefined);
}

export async function enqueueRuns(runIds: string[], reason = "wake"): Promise<void> {
  if (runIds.length === 0) return;
  await getQueue(QUEUE.runs).addBulk(runIds.map((runId) => ({ name: "run", data: { runId, reason } satisfies TRunJob })));
}

/** Wakes the run at `at` (delay end, retry backoff, approval deadline). Idempotent per timer id and deadline. */
export async function scheduleRunTimer(runId: string, timerId: string, at: Date): Promise<void> {
  const job: TRunJob = { runId, reason: "timer" };
  await getQueue(QUEUE.runs).add("run", job, { jobId: `timer-${timerId}-${at.getTime()}`, delay: Math.max(0, at.getTime() - Date.now()) });
}
