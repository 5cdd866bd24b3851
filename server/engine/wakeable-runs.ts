// Runs that have something to do now: queued or running (a pass was interrupted or never came), or waiting with a
// cancel requested, a decided approval, a due timer (retry, delay, approval deadline) or a finished sub-workflow. Wake-ups that reach a
// stopped engine are dropped (process-run.ts), so resuming the engine wakes all of these at once.
import type { TDb } from "../db/client";

export async function findWakeableRuns(db: TDb): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Run" r WHERE r.status IN ('QUEUED', 'RUNNING') OR (r.status = 'WAITING' AND r."cancelRequestedAt" IS NOT NULL)
    UNION
    SELECT s."runId" FROM "StepRun" s JOIN "Run" r ON r.id = s."runId"
    WHERE r.status = 'WAITING' AND (
      (s.status IN ('WAITING', 'PENDING') AND s."waitUntil" <= now())
      OR (s.status = 'WAITING' AND s."resumePayload" IS NOT NULL)
      OR (s.status = 'WAITING' AND s."waitKind" = 'subworkflow' AND EXISTS (
        SELECT 1 FROM "Run" c WHERE c."parentStepRunId" = s.id AND c.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')))
    )`;
  return rows.map((r) => r.id);
}
