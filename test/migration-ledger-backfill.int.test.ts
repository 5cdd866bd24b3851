import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "./db";
import { createRun, seedTwoTeams, type TTwoTeams } from "./fixtures/two-teams";

// The migration that made the ledger the only record of spend starts it with the steps already recorded. The template
// database is migrated before any row exists, so its backfill statement is run here again over real rows (it is
// idempotent: ON CONFLICT DO NOTHING).

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("ledgerbackfill");
  f = await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

function backfillStatement(): string {
  const dir = readdirSync("prisma/migrations").find((d) => d.endsWith("_budget_ledger_only"));
  const sql = readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8");
  const start = sql.indexOf(`INSERT INTO "UsageEntry"`);
  expect(start).toBeGreaterThan(0);
  return sql.slice(start);
}

describe("ledger backfill migration", () => {
  it("writes one ledger row per step that cost something, generated history flagged, and nothing twice", async () => {
    const real = await createRun(t.db, f.teamA, f.workflowA, f.versionA, { costUsd: "0.3" });
    await t.db.run.update({ where: { id: real.id }, data: { triggeredById: (await f.principal("viewer-a@test.local")).id } });
    const demo = await createRun(t.db, f.teamB, f.workflowB, f.versionB, { costUsd: "0.05", isGenerated: true });
    const finishedAt = new Date("2026-11-20T10:00:00Z");
    await t.db.stepRun.createMany({
      data: [
        { id: "s1", runId: real.id, nodeId: "llm", nodeType: "ai.llm", costUsd: "0.3", tokensIn: 10, tokensOut: 5, model: "m", provider: "p", finishedAt },
        { id: "s2", runId: real.id, nodeId: "trigger", nodeType: "trigger.manual", costUsd: "0" },
        { id: "s3", runId: demo.id, nodeId: "llm", nodeType: "ai.llm", costUsd: "0.05", startedAt: finishedAt },
      ],
    });
    await t.db.$executeRawUnsafe(backfillStatement());
    await t.db.$executeRawUnsafe(backfillStatement());
    const rows = await t.db.usageEntry.findMany({ orderBy: { reservationId: "asc" } });
    expect(rows.map((r) => [r.reservationId, r.teamId, r.workflowId, r.runId, r.stepRunId, r.costUsd.toFixed(), r.isGenerated, r.at.toISOString()])).toEqual([
      ["history:s1", f.teamA, f.workflowA, real.id, "s1", "0.3", false, finishedAt.toISOString()],
      ["history:s3", f.teamB, f.workflowB, demo.id, "s3", "0.05", true, finishedAt.toISOString()],
    ]);
    expect(rows[0]).toMatchObject({ userId: (await f.principal("viewer-a@test.local")).id, model: "m", provider: "p", tokensIn: 10, tokensOut: 5 });
  });
});
