// Waiting for a run's end (a webhook in "wait for the result" mode): the run's live events through this process's
// shared subscriber, the database as the truth, a slow poll as the safety net for an event that never came.
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { runChannel } from "../events/live-events";
import { getSharedSubscriber, type TSharedSubscriber } from "../events/shared-subscriber";

export type TRunEnd = { status: "SUCCEEDED" | "FAILED" | "CANCELLED"; output: unknown; error: string | null };

/** How often the run is read again when no event woke the wait. Events arrive after the run's row is committed. */
export const SAFETY_POLL_MS = 2000;

export type TWaitOptions = {
  /** The caller's request: the wait ends (null) when it aborts, e.g. when the client disconnects. */
  signal?: AbortSignal;
  pollMs?: number;
  subscriber?: TSharedSubscriber;
};

const END_STATUSES = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

async function readEnd(db: TDb, runId: string): Promise<TRunEnd | null> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, output: true, error: true } });
  if (!run || (run.status !== "SUCCEEDED" && run.status !== "FAILED" && run.status !== "CANCELLED")) return null;
  return { status: run.status, output: run.output, error: run.error };
}

/** Whether a message on the run's channel may mean it ended (its steps' events do not; null: messages were lost). */
function mayHaveEnded(message: string | null): boolean {
  if (message === null) return true;
  try {
    const event = JSON.parse(message) as { type?: unknown; status?: unknown } | null;
    return event?.type === "run" && END_STATUSES.has(String(event.status));
  } catch {
    return false;
  }
}

/**
 * Resolves with the run's end, or null after `timeoutMs` or once `signal` aborts. The wake-up is armed before each
 * read of the run, so an end event that arrives while the read is in flight is remembered, never dropped.
 */
export async function waitForRunEnd(
  deps: { db: TDb; redis: TRedis },
  runId: string,
  timeoutMs: number,
  options: TWaitOptions = {},
): Promise<TRunEnd | null> {
  const { signal } = options;
  const pollMs = options.pollMs ?? SAFETY_POLL_MS;
  const deadline = Date.now() + timeoutMs;
  let isWoken = false;
  let resume: (() => void) | null = null;
  const wake = () => {
    isWoken = true;
    resume?.();
  };
  const onMessage = (message: string | null) => {
    if (mayHaveEnded(message)) wake();
  };
  let stopListening = () => {};
  signal?.addEventListener("abort", wake);
  try {
    try {
      stopListening = await (options.subscriber ?? getSharedSubscriber()).listen(runChannel(runId), onMessage);
    } catch {
      // Redis cannot be reached: the safety poll alone notices the end.
    }
    for (;;) {
      isWoken = false;
      const end = await readEnd(deps.db, runId);
      if (end) return end;
      const left = deadline - Date.now();
      if (signal?.aborted || left <= 0) return null;
      if (isWoken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => resume?.(), Math.min(left, pollMs));
        resume = () => {
          resume = null;
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    signal?.removeEventListener("abort", wake);
    resume = null;
    stopListening();
  }
}
