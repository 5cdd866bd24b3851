import { queryDb } from "./db";

// A fingerprint of every stored row: per table, the sorted md5 of each row's text. Comparing two snapshots says
// which tables changed and which rows were added or removed (an update is one of each).

export type TDbSnapshot = Map<string, string[]>;

/**
 * Rows that change without any request, kept out of the comparison: minute buckets about to pass the 48 h
 * retention, which the worker's rollup job prunes on its own clock (server/metrics/rollup.ts, MINUTE_RETENTION_MS).
 */
const BACKGROUND_ROWS: Record<string, string> = {
  MetricBucket: `NOT ("granularity" = 'minute' AND "bucketStart" < (now() AT TIME ZONE 'UTC') - interval '47 hours')`,
};

async function tableNames(): Promise<string[]> {
  const rows = await queryDb<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

export async function snapshotDb(): Promise<TDbSnapshot> {
  const snapshot: TDbSnapshot = new Map();
  for (const table of await tableNames()) {
    const where = BACKGROUND_ROWS[table] ? ` WHERE ${BACKGROUND_ROWS[table]}` : "";
    const rows = await queryDb<{ h: string }>(`SELECT md5(t::text) AS h FROM "${table}" t${where} ORDER BY 1`);
    snapshot.set(table, rows.map((r) => r.h));
  }
  return snapshot;
}

/** One line per changed table, with up to three added rows as text; empty when nothing changed. */
export async function describeChanges(before: TDbSnapshot, after: TDbSnapshot): Promise<string[]> {
  const changes: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const was = new Set(before.get(table) ?? []);
    const now = new Set(after.get(table) ?? []);
    const added = [...now].filter((h) => !was.has(h));
    const removed = [...was].filter((h) => !now.has(h));
    if (added.length === 0 && removed.length === 0) continue;
    const samples = added.length
      ? await queryDb<{ row: string }>(`SELECT left(t::text, 300) AS row FROM "${table}" t WHERE md5(t::text) = ANY($1) LIMIT 3`, [added])
      : [];
    changes.push(
      `${table}: ${added.length} row(s) added or changed, ${removed.length} removed or changed` +
        samples.map((s) => `\n    + ${s.row}`).join(""),
    );
  }
  return changes;
}

/**
 * Waits until the engine is idle, so a snapshot taken now is not moved by earlier specs' work: no run of a spec
 * queued or running or waiting for a delay (or an approval deadline) that ends within 90 s, and every finished run
 * already rolled up into MetricBucket (the rollup job has run once, creating its watermark row, and the watermark
 * has passed every finished run). Stored times are UTC timestamps without a zone.
 */
export async function waitForQuietDb(timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state] = await queryDb<{ hasWatermark: boolean; active: number; unrolled: number }>(
      `WITH w AS (SELECT value FROM "SystemSetting" WHERE key = 'metrics.rollupWatermark')
       SELECT
         EXISTS (SELECT 1 FROM w) AS "hasWatermark",
         (SELECT count(*)::int FROM "Run" r WHERE r."isGenerated" = false AND (r.status IN ('QUEUED', 'RUNNING') OR EXISTS (
           SELECT 1 FROM "StepRun" s WHERE s."runId" = r.id AND s.status = 'WAITING' AND s."waitUntil" < (now() AT TIME ZONE 'UTC') + interval '90 seconds'))) AS active,
         (SELECT count(*)::int FROM "Run" r
           WHERE r."isGenerated" = false AND r.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND r."finishedAt" IS NOT NULL
             AND (r."finishedAt", r.id) > (
               COALESCE((SELECT (value->>'finishedAt')::timestamp(3) FROM w), '-infinity'::timestamp),
               COALESCE((SELECT value->>'id' FROM w), ''))) AS unrolled`,
    );
    if (state && state.hasWatermark && state.active === 0 && state.unrolled === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The engine did not settle in ${timeoutMs / 1000} s (rollup ran: ${state?.hasWatermark}, active runs ${state?.active}, runs not rolled up ${state?.unrolled})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
