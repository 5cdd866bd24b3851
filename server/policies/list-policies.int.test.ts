import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { reserveSpend } from "../budgets/ledger";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { listBudgets, listPolicies } from "./list-policies";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;
let earlier: Date;

beforeAll(async () => {
  t = await createTestDatabase("policies");
  f = await seedTwoTeams(t.db);
  await t.db.policy.createMany({
    data: [
      { name: "Global PII", teamId: null },
      { name: "Alpha models", teamId: f.teamA },
      { name: "Beta models", teamId: f.teamB },
    ],
  });
  await t.db.budget.createMany({
    data: [
      { name: "Org monthly", scope: "org", period: "month", amountUsd: "1000" },
      { name: "Alpha team", scope: "team", teamId: f.teamA, period: "month", amountUsd: "100", onExceeded: "require_approval" },
      { name: "Beta workflow", scope: "workflow", teamId: f.teamB, workflowId: f.workflowB, period: "day", amountUsd: "10" },
      // Written before budgets carried their team: the workflow's team is the budget's.
      { name: "Alpha workflow", scope: "workflow", workflowId: f.workflowA, period: "day", amountUsd: "0" },
    ],
  });
  // The ledger: this month's calls of team A (one of them demo history), one of team B, and one of last month.
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  earlier = new Date(monthStart.getTime() + (now.getTime() - monthStart.getTime()) / 2);
  await t.db.usageEntry.createMany({
    data: [
      { reservationId: "a1", at: earlier, teamId: f.teamA, workflowId: f.workflowA, costUsd: "60" },
      { reservationId: "a2", at: earlier, teamId: f.teamA, costUsd: "30", isGenerated: true },
      { reservationId: "b1", at: earlier, teamId: f.teamB, workflowId: f.workflowB, costUsd: "160" },
      { reservationId: "old", at: new Date(monthStart.getTime() - 1000), teamId: f.teamA, costUsd: "500" },
    ],
  });
  redis = createRedis();
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await t.drop();
});
const deps = () => ({ db: t.db, redis });

describe("policies and budgets team scoping", () => {
  it("shows global policies and the person's team policies only", async () => {
    const items = await listPolicies(t.db, await f.principal("viewer-a@test.local"));
    expect(items.map((p) => p.name)).toEqual(["Alpha models", "Global PII"]);
    expect(items.find((p) => p.name === "Global PII")?.teamName).toBeNull();
  });

  it("shows org budgets and those of the person's teams, with the ledger's spent for the current period and the calls in flight", async () => {
    const viewer = await f.principal("viewer-a@test.local");
    // $90 spent + $5 reserved of $100 crosses the team budget's 80 % warning: an alert, listed with the budget.
    expect(await reserveSpend(deps(), { teamId: f.teamA }, "5", { reservationId: "in-flight", ttlMs: 60_000 })).toMatchObject({ isReserved: true });
    const items = await listBudgets(deps(), viewer);
    expect(items.map((b) => b.name).sort()).toEqual(["Alpha team", "Alpha workflow", "Org monthly"]);
    expect(items.find((b) => b.name === "Alpha team")).toMatchObject({
      scopeLabel: "Alpha",
      amountUsd: "100",
      spentUsd: "90.00",
      generatedUsd: "30.00",
      reservedUsd: "5.00",
      usedRatio: 0.9,
      reservedRatio: 0.05,
      onExceeded: "require_approval",
      canManage: false,
      alerts: [{ threshold: 80, at: expect.any(String) }],
    });
    // The burn-down adds the same ledger rows up, by day of the month.
    const burn = items.find((b) => b.name === "Alpha team")!.burnDown;
    expect(burn.points.find((p) => p.key === earlier.toISOString().slice(0, 10))?.spent).toBe(90);
    expect(burn.points.filter((p) => p.spent !== null).at(-1)?.spent).toBe(90);
    expect(burn.amount).toBe(100);
    expect(items.find((b) => b.name === "Org monthly")).toMatchObject({ spentUsd: "250.00", reservedUsd: "5.00", usedRatio: 0.25, teamId: null });
    expect(items.find((b) => b.name === "Alpha workflow")).toMatchObject({
      usedRatio: 0,
      teamId: f.teamA,
      scopeLabel: "Workflow: Alpha triage",
      period: "day",
    });
  });

  it("lets team admins manage their team's budgets and the organisation admin all of them", async () => {
    const adminB = await listBudgets(deps(), await f.principal("admin-b@test.local"));
    expect(adminB.map((b) => [b.name, b.canManage]).sort()).toEqual([
      ["Beta workflow", true],
      ["Org monthly", false],
    ]);
    const org = await listBudgets(deps(), await f.principal("org@test.local"));
    expect(org.map((b) => b.name).sort()).toEqual(["Alpha team", "Alpha workflow", "Beta workflow", "Org monthly"]);
    expect(org.every((b) => b.canManage)).toBe(true);
  });

  it("shows nothing to a person without a team", async () => {
    const p = await f.principal("nobody@test.local");
    expect(await listPolicies(t.db, p)).toEqual([]);
    expect(await listBudgets(deps(), p)).toEqual([]);
  });
});
