import type { TDb } from "../db/client";
import { createSubscriber, type TRedis } from "../redis/client";
import { runChannel } from "../events/live-events";

export type TRunEnd = { status: "SUCCEEDED" | "FAILED" | "CANCELLED"; output: unknown; error: string | null };

async function readEnd(db: TDb, runId: string): Promise<TRunEnd | null> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, output: true, error: true } });
  if (!run || (run.status !== "SUCCEEDED" && run.status !== "FAILED" && run.status !== "CANCELLED")) return null;
  return { status: run.status, output: run.output, error: run.error };
}

/** Resolves when the run ends (live event, with a slow poll as a safety net), or null after `timeoutMs`. */
export async function waitForRunEnd(deps: { db: TDb; redis: TRedis }, runId: string, timeoutMs: number): Promise<TRunEnd | null> {
  const subscriber = createSubscriber();
  try {
    let wake: () => void = () => undefined;
    subscriber.on("message", () => wake());
    await subscriber.subscribe(runChannel(runId));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = await readEnd(deps.db, runId);
      if (end) return end;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    subscriber.disconnect();
  }
}
