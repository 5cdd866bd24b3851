import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { dismissBudgetAlert, listBudgetAlertNotices } from "./budget-alert-notices";
import { flushAlertDeliveries, invalidateBudgetCache, reserveSpend, type TLedgerDeps } from "./ledger";

// In-app budget alerts: the current period's threshold alerts of the budgets a person can see, until they dismiss one.

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;
const NOW = new Date("2026-12-07T14:02:00Z");

beforeAll(async () => {
  t = await createTestDatabase("alertnotices");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await t.drop();
});

const deps = (): TLedgerDeps => ({ db: t.db, redis, now: () => NOW });
const reserve = (teamId: string, id: string, cost: string) => reserveSpend(deps(), { teamId }, cost, { reservationId: id, ttlMs: 60_000 });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { status?: number; message?: string });

describe("budget alert notices", () => {
  let alpha: string;
  let beta: string;
  let org: string;

  beforeAll(async () => {
    alpha = (await t.db.budget.create({ data: { name: "Alpha monthly", scope: "team", teamId: f.teamA, period: "month", amountUsd: "10", warnAt: "0.8" } })).id;
    beta = (await t.db.budget.create({ data: { name: "Beta daily", scope: "team", teamId: f.teamB, period: "day", amountUsd: "1", warnAt: "0.5" } })).id;
    org = (await t.db.budget.create({ data: { name: "Everyone monthly", scope: "org", period: "month", amountUsd: "500" } })).id;
    invalidateBudgetCache(t.db);
    // Generated demo history this month: $7 of Alpha's $10.
    await t.db.usageEntry.create({ data: { reservationId: "history:1", at: new Date("2026-12-02T10:00:00Z"), teamId: f.teamA, costUsd: "7", isGenerated: true } });
    expect((await reserve(f.teamA, "a1", "1.5")).isReserved).toBe(true); // Alpha 85 %
    expect((await reserve(f.teamB, "b1", "1")).isReserved).toBe(true); // Beta 50 % and 100 %
    await flushAlertDeliveries();
    // An alert of an earlier period is not current.
    await t.db.budgetAlert.create({ data: { budgetId: alpha, periodStart: new Date("2026-11-01T00:00:00Z"), threshold: 100, spentUsd: "10", reservedUsd: "0", amountUsd: "10" } });
  });

  it("lists the current period's alerts of the budgets each person can see, newest first, with the amount crossed and generated spend", async () => {
    const viewer = await listBudgetAlertNotices(deps(), await f.principal("viewer-a@test.local"));
    expect(viewer.timeZone).toBe("UTC");
    expect(viewer.notices).toEqual([
      {
        id: expect.any(String),
        budgetId: alpha,
        budgetName: "Alpha monthly",
        threshold: 80,
        amountUsd: "10",
        at: expect.any(String),
        period: "month",
        periodStart: "2026-12-01T00:00:00.000Z",
        generatedUsd: "7.00",
      },
    ]);
    const adminB = await listBudgetAlertNotices(deps(), await f.principal("admin-b@test.local"));
    expect(adminB.notices.map((n) => [n.budgetName, n.threshold, n.amountUsd, n.generatedUsd])).toEqual([
      ["Beta daily", 100, "1", "0.00"],
      ["Beta daily", 50, "1", "0.00"],
    ]);
    const orgAdmin = await listBudgetAlertNotices(deps(), await f.principal("org@test.local"));
    expect(orgAdmin.notices.map((n) => n.budgetId).sort()).toEqual([alpha, beta, beta].sort());
    expect(await listBudgetAlertNotices(deps(), await f.principal("nobody@test.local"))).toEqual({ timeZone: "UTC", notices: [] });
    expect(org).toBeTruthy();
  });

  it("hides an alert for the person who dismissed it only; a hidden or unknown alert cannot be dismissed", async () => {
    const viewer = await f.principal("viewer-a@test.local");
    const [notice] = (await listBudgetAlertNotices(deps(), viewer)).notices;
    expect(await dismissBudgetAlert(t.db, viewer, notice!.id)).toEqual({ id: notice!.id, isDismissed: true });
    expect(await dismissBudgetAlert(t.db, viewer, notice!.id)).toEqual({ id: notice!.id, isDismissed: true });
    expect((await listBudgetAlertNotices(deps(), viewer)).notices).toEqual([]);
    expect((await listBudgetAlertNotices(deps(), await f.principal("approver-a@test.local"))).notices.map((n) => n.id)).toEqual([notice!.id]);

    const [betaNotice] = (await listBudgetAlertNotices(deps(), await f.principal("admin-b@test.local"))).notices;
    expect(await refusal(dismissBudgetAlert(t.db, viewer, betaNotice!.id))).toMatchObject({ status: 404 });
    expect(await refusal(dismissBudgetAlert(t.db, viewer, "no-such-alert"))).toMatchObject({ status: 404 });
    expect(await t.db.budgetAlertDismissal.count()).toBe(1);
  });

  it("drops the alerts of a deleted budget", async () => {
    await t.db.budget.delete({ where: { id: beta } });
    invalidateBudgetCache(t.db);
    expect((await listBudgetAlertNotices(deps(), await f.principal("admin-b@test.local"))).notices).toEqual([]);
  });
});
