// The set-based statements of the run rollup (server/metrics/rollup.ts). Each takes the batch as an explicit array of
// run ids, so every statement of a batch's transaction sees exactly the same runs, whatever commits meanwhile.
//
// Convention (the seed's, server/seed/history-metrics.ts, read by server/metrics/prepare-dashboard.ts): the rows of
// one (bucket, team, workflow) partition its activity, so summing a column over models never counts twice.
//   model = ""      the runs, bucketed by queuedAt: runs, runsFailed, latencyMsSum/Max over run durations; plus steps
//                   and errors of the steps that call no model;
//   model = <name>  the steps that called the model, bucketed by startedAt: steps, requests (= attempts), errors
//                   (failed attempts), tokens, cost, and latencyMsSum/Max over step latency (never mixed with run
//                   latency, which lives on the "" row only).
// SKIPPED steps are not counted.
import { Prisma } from "../db/generated/client";

const GRANULARITIES = Prisma.raw(`(VALUES ('minute'), ('hour'), ('day')) AS g(name)`);

/** Timestamps travel as ISO strings; a cast to `timestamp` keeps the UTC wall clock (Prisma stores UTC). */
const ISO_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
export const isoOf = (column: string) => Prisma.raw(`to_char(${column}, ${ISO_FORMAT})`);

/** The next batch after the watermark (exact across equal finishedAt thanks to the id tie-breaker). */
export function selectBatch(after: { finishedAt: string | null; id: string }, cutoffIso: string, limit: number) {
  return Prisma.sql`
    SELECT id, ${isoOf(`"finishedAt"`)} AS "finishedAt"
    FROM "Run"
    WHERE "isGenerated" = false
      AND status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
      AND "finishedAt" IS NOT NULL
      AND ("finishedAt", id) > (${after.finishedAt ?? "-infinity"}::timestamp(3), ${after.id})
      AND "finishedAt" <= ${cutoffIso}::timestamp(3)
    ORDER BY "finishedAt", id
    LIMIT ${limit}`;
}

/**
 * Upserts the grouped facts into MetricBucket, adding to what is there. `facts` yields one row per
 * (granularity, bucketStart, teamId, workflowId, model) with every counter column. Minute buckets older than the
 * retention floor are not written (the retention would delete them again). A row the seed wrote keeps its
 * isGenerated flag: it then holds generated and real activity, and the dashboard still labels it as generated.
 */
function upsertFacts(facts: Prisma.Sql, minuteFloorIso: string) {
  return Prisma.sql`
    INSERT INTO "MetricBucket" AS b (id, granularity, "bucketStart", source, "teamId", "workflowId", model, runs,
      "runsFailed", steps, requests, errors, "tokensIn", "tokensOut", "costUsd", "latencyMsSum", "latencyMsMax",
      "isGenerated", "updatedAt")
    SELECT 'mb_' || replace(gen_random_uuid()::text, '-', ''), f.granularity::"Granularity", f."bucketStart",
      'workflow', f."teamId", f."workflowId", f.model, f.runs, f."runsFailed", f.steps, f.requests, f.errors,
      f."tokensIn", f."tokensOut", f."costUsd", f."latencyMsSum", f."latencyMsMax", false, now()
    FROM (${facts}) AS f
    WHERE f.granularity <> 'minute' OR f."bucketStart" >= ${minuteFloorIso}::timestamp(3)
    ON CONFLICT (granularity, "bucketStart", source, "teamId", "workflowId", model) DO UPDATE SET
      runs = b.runs + EXCLUDED.runs,
      "runsFailed" = b."runsFailed" + EXCLUDED."runsFailed",
      steps = b.steps + EXCLUDED.steps,
      requests = b.requests + EXCLUDED.requests,
      errors = b.errors + EXCLUDED.errors,
      "tokensIn" = b."tokensIn" + EXCLUDED."tokensIn",
      "tokensOut" = b."tokensOut" + EXCLUDED."tokensOut",
      "costUsd" = b."costUsd" + EXCLUDED."costUsd",
      "latencyMsSum" = b."latencyMsSum" + EXCLUDED."latencyMsSum",
      "latencyMsMax" = greatest(b."latencyMsMax", EXCLUDED."latencyMsMax"),
      "updatedAt" = EXCLUDED."updatedAt"`;
}

/**
 * The "" rows' run figures of the batch, at every granularity, bucketed by when the run was queued. A builder's test
 * runs are not counted as runs (their failures are experiments, not incidents); their steps count in full (the model
 * calls, their errors, tokens and cost really happened).
 */
export function upsertRunBuckets(runIds: string[], minuteFloorIso: string) {
  return upsertFacts(
    Prisma.sql`
      SELECT g.name AS granularity, date_trunc(g.name, r."queuedAt") AS "bucketStart", r."teamId", r."workflowId",
        ''::text AS model,
        count(*)::int AS runs,
        (count(*) FILTER (WHERE r.status = 'FAILED'))::int AS "runsFailed",
        0 AS steps, 0 AS requests, 0 AS errors, 0::bigint AS "tokensIn", 0::bigint AS "tokensOut",
        0::numeric AS "costUsd",
        coalesce(sum(r."durationMs"), 0)::bigint AS "latencyMsSum",
        coalesce(max(r."durationMs"), 0) AS "latencyMsMax"
      FROM "Run" r CROSS JOIN ${GRANULARITIES}
      WHERE r.id = ANY(${runIds}::text[]) AND r."triggerType" <> 'test'
      GROUP BY 1, 2, 3, 4`,
    minuteFloorIso,
  );
}

/** The batch's steps, at every granularity, bucketed by when the step started: per model, and "" for the rest. */
export function upsertStepBuckets(runIds: string[], minuteFloorIso: string) {
  // Within a group every step has the same model, so `calls` is either all or none of the group.
  return upsertFacts(
    Prisma.sql`
      SELECT g.name AS granularity, date_trunc(g.name, coalesce(s."startedAt", r."queuedAt")) AS "bucketStart",
        r."teamId", r."workflowId", coalesce(s.model, '') AS model,
        0 AS runs, 0 AS "runsFailed",
        count(*)::int AS steps,
        coalesce(sum(greatest(1, s.attempt)) FILTER (WHERE s.model <> ''), 0)::int AS requests,
        sum(CASE WHEN coalesce(s.model, '') = '' THEN (s.status = 'FAILED')::int
                 WHEN s.status = 'FAILED' THEN greatest(1, s.attempt)
                 ELSE greatest(0, s.attempt - 1) END)::int AS errors,
        coalesce(sum(s."tokensIn") FILTER (WHERE s.model <> ''), 0)::bigint AS "tokensIn",
        coalesce(sum(s."tokensOut") FILTER (WHERE s.model <> ''), 0)::bigint AS "tokensOut",
        coalesce(sum(s."costUsd") FILTER (WHERE s.model <> ''), 0) AS "costUsd",
        coalesce(sum(s."latencyMs") FILTER (WHERE s.model <> ''), 0)::bigint AS "latencyMsSum",
        coalesce(max(s."latencyMs") FILTER (WHERE s.model <> ''), 0) AS "latencyMsMax"
      FROM "StepRun" s JOIN "Run" r ON r.id = s."runId" CROSS JOIN ${GRANULARITIES}
      WHERE s."runId" = ANY(${runIds}::text[]) AND s.status <> 'SKIPPED'
      GROUP BY 1, 2, 3, 4, 5`,
    minuteFloorIso,
  );
}

/**
 * The start of the oldest transaction that is writing to this database right now (other than ours), within the
 * last `withinMs`. A run's finishing transaction stamps finishedAt before it commits, and under load it can queue
 * (e.g. for the audit chain's lock) for longer than the fixed lag: the cutoff must stay before it.
 */
export function oldestWriterStart(withinMs: number) {
  return Prisma.sql`
    SELECT ${isoOf(`min(xact_start) AT TIME ZONE 'UTC'`)} AS "startedAt"
    FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
      AND backend_xid IS NOT NULL AND xact_start > now() - make_interval(secs => ${withinMs / 1000}::double precision)`;
}

/** Deletes at most `limit` minute buckets older than the floor (index on granularity, bucketStart). */
export function deleteOldMinuteBuckets(floorIso: string, limit: number) {
  return Prisma.sql`
    DELETE FROM "MetricBucket" WHERE id IN (
      SELECT id FROM "MetricBucket"
      WHERE granularity = 'minute' AND "bucketStart" < ${floorIso}::timestamp(3)
      LIMIT ${limit})`;
}
