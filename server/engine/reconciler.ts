// Finds runs that should be moving but have no pass: left RUNNING or QUEUED by a dead worker, or WAITING with a due
// timer, a requested cancel or a recorded decision whose wake-up was lost (Redis keeps nothing across its restarts here). Wakes them.
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { redisKey } from "../redis/client";
import { enqueueRuns } from "../queue/run-queue";
import { isRunLocked } from "./run-lock";

export type TReconcileResult = { requeued: string[] };

export async function reconcileRuns(deps: { db: TDb; redis: TRedis }, staleMs = 15_000): Promise<TReconcileResult> {
  const staleBefore = new Date(Date.now() - staleMs);
  const stale = await deps.db.run.findMany({
    where: {
      updatedAt: { lt: staleBefore },
      OR: [{ status: { in: ["QUEUED", "RUNNING"] }, workflow: { status: { not: "paused" } } }, { status: "WAITING", cancelRequestedAt: { not: null } }],
    },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: 500,
  });
  const due = await deps.db.$queryRaw<{ runId: string }[]>`
    SELECT DISTINCT s."runId" FROM "StepRun" s JOIN "Run" r ON r.id = s."runId"
    WHERE r.status = 'WAITING' AND (
      (s.status IN ('WAITING', 'PENDING') AND s."waitUntil" <= now() - interval '2 seconds')
      OR (s.status = 'WAITING' AND s."resumePayload" IS NOT NULL AND s."updatedAt" < ${staleBefore})
      OR (s.status = 'WAITING' AND s."waitKind" = 'subworkflow' AND EXISTS (
        SELECT 1 FROM "Run" c WHERE c."parentStepRunId" = s.id AND c.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')))
    )
    LIMIT 500`;
  const candidates = [...new Set([...stale.map((r) => r.id), ...due.map((r) => r.runId)])];
  const locked = await isRunLocked(deps.redis, candidates);
  const requeued = candidates.filter((_, i) => !locked[i]);
  await enqueueRuns(requeued, "reconcile");
  return { requeued };
}

/** Runs the reconciler every `intervalMs` in one worker at a time (a short Redis lease elects it). */
export function startReconciler(deps: { db: TDb; redis: TRedis; onResult?: (r: TReconcileResult) => void; onError?: (e: unknown) => void }, intervalMs = 10_000) {
  const tick = async () => {
    const isLeader = (await deps.redis.set(redisKey("engine", "reconciler"), "1", "PX", intervalMs - 500, "NX")) === "OK";
    if (!isLeader) return;
    deps.onResult?.(await reconcileRuns(deps));
  };
  const timer = setInterval(() => void tick().catch((e: unknown) => deps.onError?.(e)), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
