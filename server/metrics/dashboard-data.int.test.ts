import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { loadDashboard } from "./dashboard-data";

let t: TTestDb;
let f: TTwoTeams;
const now = new Date("2026-11-21T12:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  t = await createTestDatabase("dashboard");
  f = await seedTwoTeams(t.db);
  const common = { granularity: "day" as const, source: "workflow" as const };
  await t.db.metricBucket.createMany({
    data: [
      {
        ...common,
        bucketStart: day("2026-11-20"),
        teamId: f.teamA,
        workflowId: f.workflowA,
        runs: 10,
        runsFailed: 1,
        costUsd: "1.5",
        latencyMsSum: 20_000,
        isGenerated: true,
      },
      {
        ...common,
        bucketStart: day("2026-11-20"),
        teamId: f.teamB,
        workflowId: f.workflowB,
        runs: 100,
        runsFailed: 50,
        costUsd: "99",
      },
      // Hour buckets are not read by the dashboard (it uses day rollups).
      {
        granularity: "hour",
        source: "workflow",
        bucketStart: day("2026-11-20"),
        teamId: f.teamA,
        workflowId: f.workflowA,
        runs: 7,
      },
      // The previous 7-day period, for the delta.
      { ...common, bucketStart: day("2026-11-10"), teamId: f.teamA, workflowId: f.workflowA, runs: 5, costUsd: "0.5" },
    ],
  });
});
afterAll(async () => t.drop());

describe("loadDashboard team scoping", () => {
  it("shows a viewer of team A only team A's buckets", async () => {
    const d = await loadDashboard(t.db, await f.principal("viewer-a@test.local"), { period: "7" }, now);
    expect(d.kpis.runs).toEqual({ current: 10, previous: 5 });
    expect(d.kpis.costUsd.current).toBe("1.50000000");
    expect(d.kpis.successRate.current).toBeCloseTo(0.9);
    expect(d.kpis.avgLatencyMs.current).toBe(2000);
    expect(d.topWorkflows.map((w) => w.label)).toEqual(["Alpha triage"]);
    expect(d.hasGenerated).toBe(true);
    expect(d.runsByDay).toHaveLength(7);
    expect(d.runsByDay.at(-1)?.day).toBe("2026-11-21");
  });

  it("ignores a team filter for a team the person is not in", async () => {
    const d = await loadDashboard(t.db, await f.principal("viewer-a@test.local"), { team: f.teamB, period: "7" }, now);
    expect(d.filters.team).toBeUndefined();
    expect(d.kpis.runs.current).toBe(10);
  });

  it("filters to one team for a member of both, and defaults a bad period to 30 days", async () => {
    const p = await f.principal("both@test.local");
    expect((await loadDashboard(t.db, p, { period: "7" }, now)).kpis.runs.current).toBe(110);
    const onlyB = await loadDashboard(t.db, p, { team: f.teamB, period: "NOPE" }, now);
    expect(onlyB.days).toBe(30);
    expect(onlyB.kpis.runs.current).toBe(100);
    expect(onlyB.hasGenerated).toBe(false);
  });

  it("is empty for a person without a team", async () => {
    const d = await loadDashboard(t.db, await f.principal("nobody@test.local"), {}, now);
    expect(d.hasData).toBe(false);
    expect(d.kpis.runs.current).toBe(0);
  });
});
