// The Baton worker: executes queued jobs. Start with `npm run worker` (or `npm start`, which runs web and worker).
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { getEnv } from "@/server/config/env";
import { getSecrets } from "@/server/config/secrets";
import { fillSecretsFromFile } from "@/server/config/secrets-fill";
import { createDb } from "@/server/db/client";
import { createRedis } from "@/server/redis/client";
import { log } from "@/server/log";
import { checkHealth } from "@/server/health";
import { QUEUE, SYSTEM_SCHEDULES } from "@/server/queue/definitions";
import { bullPrefix, closeQueues, getQueue } from "@/server/queue/connection";
import { announceWorker, withdrawWorker, PRESENCE_INTERVAL_MS } from "@/server/workers/presence";
import { systemProcessor } from "./processors/system";
import { startHealthServer } from "./health-server";
import { startEngineWorker } from "./engine-worker";
import { startRollups } from "@/server/metrics/start-rollups";
import { assertServicesReachable } from "./preflight";

const SHUTDOWN_GRACE_MS = 30_000;

async function main(): Promise<void> {
  const env = getEnv();
  // Fails fast, in one line, when a secret is missing or weak (the worker decrypts credentials for HTTP nodes).
  fillSecretsFromFile();
  getSecrets();
  const db = createDb();
  const redis = createRedis({ isAutoPipelined: true });
  await assertServicesReachable({ db, redis, env });

  const connection = createRedis({ isForWorker: true });
  const workers = [
    new Worker(QUEUE.system, systemProcessor({ db, log }), { connection, prefix: bullPrefix(), concurrency: 1 }),
  ];
  workers[0]!.on("failed", (job, err) => log.error({ queue: QUEUE.system, jobId: job?.id, err }, "job failed"));
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const engine = await startEngineWorker({ db, redis, log, concurrency: env.WORKER_CONCURRENCY, workerId: id });
  workers.push(engine.worker);
  const rollups = startRollups({ db, redis, log });
  const system = getQueue(QUEUE.system);
  for (const s of SYSTEM_SCHEDULES) {
    await system.upsertJobScheduler(s.id, { pattern: s.pattern, tz: "UTC" }, { name: s.job.kind, data: s.job });
  }

  const presence = {
    id,
    host: hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    queues: [...workers.map((w) => w.name), QUEUE.schedules],
    concurrency: env.WORKER_CONCURRENCY,
    version: process.env.npm_package_version ?? "dev",
  };
  await announceWorker(redis, presence);
  const heartbeat = setInterval(() => void announceWorker(redis, presence).catch(() => undefined), PRESENCE_INTERVAL_MS);

  const health = await startHealthServer(
    env.WORKER_HEALTH_PORT,
    async () => {
    const base = await checkHealth({ db, redis });
    const processors = workers.map((w) => ({ queue: w.name, isRunning: w.isRunning() }));
    const isOk = base.status === "ok" && processors.every((p) => p.isRunning);
    return { service: "worker", id, ...base, status: isOk ? "ok" : "degraded", processors };
    },
    env.WORKER_HEALTH_HOST,
  );
  log.info({ id, host: env.WORKER_HEALTH_HOST, port: env.WORKER_HEALTH_PORT, queues: presence.queues }, "worker ready");

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info({ signal }, "worker stopping: finishing in-flight jobs");
    const force = setTimeout(() => {
      log.warn("in-flight jobs did not finish in time; their locks expire and another worker takes them over");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    clearInterval(heartbeat);
    await rollups.stop();
    // close() waits for in-flight jobs; unfinished ones are released when their lock lapses.
    await Promise.all([engine.close(), ...workers.filter((w) => w !== engine.worker).map((w) => w.close())]);
    await withdrawWorker(redis, id).catch(() => undefined);
    await closeQueues();
    health.close();
    await Promise.all([db.$disconnect(), redis.quit(), connection.quit()]).catch(() => undefined);
    clearTimeout(force);
    log.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Baton worker could not start: ${message}\n`);
  process.exit(1);
});
