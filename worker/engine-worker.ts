// The run engine inside a worker process: the `runs` queue processor, cancellation/emergency-stop controls and the
// reconciler. Used by worker/index.ts and by integration tests (which run it in-process or as a child process).
import { Worker } from "bullmq";
import type { TDb } from "@/server/db/client";
import { createRedis, createSubscriber, type TRedis } from "@/server/redis/client";
import type { TLogger } from "@/server/log";
import { QUEUE } from "@/server/queue/definitions";
import { bullPrefix } from "@/server/queue/connection";
import { startRunControls } from "@/server/engine/controls";
import { createServices } from "@/server/engine/services";
import { startReconciler } from "@/server/engine/reconciler";
import { startRunLocks } from "@/server/engine/run-lock";
import { syncEmergencyStop } from "@/server/engine/run-commands";
import { DEFAULT_MAX_STEP_VALUE_BYTES } from "@/server/engine/value-limits";
import type { TEngineDeps } from "@/server/engine/engine-deps";
import { runsProcessor } from "./processors/runs";
import { schedulesProcessor } from "./processors/schedules";
import { syncAllSchedules } from "@/server/engine/schedules";

/**
 * The job of a pass whose worker died goes back to the queue once BullMQ's lock on it has lapsed (4 s; a live worker
 * renews the locks of all its jobs in one call every 1–2 s) and the stalled-job check (every 2 s, by one worker at a
 * time) has seen it: within about 6 s of the death instead of BullMQ's default 30 s + 30 s. The run's own lock can be
 * taken over by then (run-lock.ts). A worker whose event loop stands still for more than ~2 s loses its jobs' locks
 * the same way: the job is handed out again, and the run lock (or its fence) keeps the two passes apart.
 */
const RUN_JOB_LOCK = { lockDuration: 4000, stalledInterval: 2000 };

export type TEngineWorker = { worker: Worker; deps: TEngineDeps; close(): Promise<void> };

export async function startEngineWorker(opts: {
  db: TDb;
  redis: TRedis;
  log: TLogger;
  concurrency: number;
  reconcileEveryMs?: number;
  /** Names this process in its run locks and alive key (worker/index.ts passes its presence id). */
  workerId?: string;
}): Promise<TEngineWorker> {
  const { db, redis, log } = opts;
  await syncEmergencyStop({ db, redis });
  const subscriber = createSubscriber();
  const controls = await startRunControls(redis, subscriber);
  const locks = await startRunLocks(redis, opts.workerId);
  const deps: TEngineDeps = {
    db,
    redis,
    log,
    services: createServices({ db, redis, log }),
    maxValueBytes: DEFAULT_MAX_STEP_VALUE_BYTES,
    runConcurrency: 8,
    flushEveryMs: 2000,
    isEmergencyStopped: controls.isEmergencyStopped,
    controls,
    locks,
  };
  const connection = createRedis({ isForWorker: true });
  const worker = new Worker(QUEUE.runs, runsProcessor(deps), { connection, prefix: bullPrefix(), concurrency: opts.concurrency, ...RUN_JOB_LOCK });
  worker.on("failed", (job, err) => log.error({ jobId: job?.id, runId: (job?.data as { runId?: string })?.runId, err }, "run pass failed"));
  const schedules = new Worker(QUEUE.schedules, schedulesProcessor(deps), { connection, prefix: bullPrefix(), concurrency: 4 });
  schedules.on("failed", (job, err) => log.error({ jobId: job?.id, err }, "scheduled run could not start"));
  const scheduled = await syncAllSchedules(db);
  if (scheduled > 0) log.info({ scheduled }, "workflow schedules synced");
  const reconciler = startReconciler(
    {
      db,
      redis,
      onResult: (r) => r.requeued.length > 0 && log.info({ runs: r.requeued.length }, "reconciler woke runs"),
      onError: (err) => log.warn({ err }, "reconciler failed"),
    },
    opts.reconcileEveryMs ?? 10_000,
  );
  return {
    worker,
    deps,
    async close() {
      reconciler.stop();
      // Give in-flight passes a moment to finish; then abort their steps so they flush and end (resumed elsewhere).
      const abortLater = setTimeout(() => controls.abortAll("shutdown"), 10_000);
      await Promise.all([worker.close(), schedules.close()]);
      clearTimeout(abortLater);
      await locks.close();
      await controls.close();
      subscriber.disconnect();
      await connection.quit().catch(() => undefined);
    },
  };
}
