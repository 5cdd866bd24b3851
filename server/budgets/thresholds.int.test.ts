import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { clearOutboundSettingsCache } from "../net/outbound-settings";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { signAlert } from "./alert-webhook";
import { saveAlertWebhook, viewAlertWebhook } from "./save-alert-webhook";
import { flushAlertDeliveries, invalidateBudgetCache, reserveSpend, type TLedgerDeps } from "./ledger";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;
let stub: THttpStub;
const SECRET = "alert-signing-secret-0123456789";

beforeAll(async () => {
  t = await createTestDatabase("budgetalerts");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
  stub = await startHttpStub();
  // The stub listens on loopback: the organisation allows private networks, as an admin would for an internal receiver.
  await t.db.systemSetting.create({ data: { key: "network.outbound", value: { allowPrivateNetworks: true, allowedHosts: [] } } });
  clearOutboundSettingsCache(t.db);
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await stub.close();
  await t.drop();
});

const deps = (): TLedgerDeps => ({ db: t.db, redis });
const reserve = (id: string, cost: string, force = false) => reserveSpend(deps(), { teamId: f.teamA }, cost, { reservationId: id, ttlMs: 60_000, force });
const alerts = () => t.db.budgetAlert.findMany({ orderBy: { threshold: "asc" } });
const audits = () => t.db.auditEvent.findMany({ where: { action: "budget.threshold" }, orderBy: { seq: "asc" } });

describe("budget thresholds", () => {
  it("alert once per period at the warning share and at 100 %: a row, an audit event and a signed webhook", async () => {
    const org = await f.principal("org@test.local");
    expect(await saveAlertWebhook(t.db, org, { url: `${stub.url}/alerts`, secret: SECRET })).toEqual({ url: `${stub.url}/alerts`, hasSecret: true, isEnabled: true });
    const b = await t.db.budget.create({ data: { name: "Alpha monthly", scope: "team", teamId: f.teamA, period: "month", amountUsd: "1", warnAt: "0.8" } });
    invalidateBudgetCache(t.db);

    expect((await reserve("a", "0.5")).isReserved).toBe(true);
    await flushAlertDeliveries();
    expect(await alerts()).toEqual([]);

    expect((await reserve("b", "0.35")).isReserved).toBe(true); // 85 %: crosses 80 %
    expect((await reserve("c", "0.1")).isReserved).toBe(true); // 95 %: already past 80 %
    expect((await reserve("d", "0.1")).isReserved).toBe(false); // would be 105 %: refused, takes it nowhere
    expect((await reserve("e", "0.05")).isReserved).toBe(true); // exactly 100 %
    await flushAlertDeliveries();

    expect((await alerts()).map((a) => [a.threshold, a.spentUsd.toFixed(), a.reservedUsd.toFixed(), a.amountUsd?.toFixed()])).toEqual([
      [80, "0", "0.85", "1"],
      [100, "0", "1", "1"],
    ]);
    const events = await audits();
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ threshold: 80, percent: 85, spentUsd: "0.00", reservedUsd: "0.85", budget: expect.objectContaining({ id: b.id, name: "Alpha monthly", period: "month" }) }),
      expect.objectContaining({ threshold: 100, percent: 100, spentUsd: "0.00", reservedUsd: "1.00" }),
    ]);
    expect(events[0]).toMatchObject({ teamId: f.teamA, resourceType: "budget", resourceId: b.id });

    const calls = stub.callsTo("/alerts");
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const timestamp = Number(call.headers["x-baton-timestamp"]);
      expect(call.headers["x-baton-signature"]).toBe(signAlert(SECRET, timestamp, call.body));
      expect(call.headers["content-type"]).toBe("application/json");
    }
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ type: "budget.threshold", threshold: 80, percent: 85, budget: { id: b.id } });

    // Redis forgets (a restart): the flags are gone, the database still says once.
    const keys = await redis.keys(redisKey("budget", "*"));
    await redis.del(...keys);
    expect((await reserve("f", "0.9", true)).isReserved).toBe(true);
    await flushAlertDeliveries();
    expect(await alerts()).toHaveLength(2);
    expect(await audits()).toHaveLength(2);
    expect(stub.callsTo("/alerts")).toHaveLength(2);
  });

  it("a webhook that fails or cannot be reached never fails the reservation", async () => {
    await t.db.budget.deleteMany({});
    await t.db.systemSetting.update({ where: { key: "governance.alertWebhook" }, data: { value: { url: `${stub.url}/broken`, secret: SECRET } } });
    stub.route("/broken", () => ({ status: 500, json: { error: "down" } }));
    const b = await t.db.budget.create({ data: { name: "Beta", scope: "team", teamId: f.teamA, period: "day", amountUsd: "1", warnAt: "0.5" } });
    invalidateBudgetCache(t.db);
    expect((await reserve("g", "0.6")).isReserved).toBe(true);
    await flushAlertDeliveries();
    expect(stub.callsTo("/broken")).toHaveLength(1);

    await t.db.systemSetting.update({ where: { key: "governance.alertWebhook" }, data: { value: { url: "http://127.0.0.1:1/nothing-listens", secret: SECRET } } });
    expect((await reserve("h", "0.4")).isReserved).toBe(true); // 100 %
    await flushAlertDeliveries();
    expect((await t.db.budgetAlert.findMany({ where: { budgetId: b.id } })).map((a) => a.threshold).sort((x, y) => x - y)).toEqual([50, 100]);
  });

  it("the webhook setting: organisation admins only, a URL and a long enough secret, the secret never shown or audited", async () => {
    const org = await f.principal("org@test.local");
    await expect(saveAlertWebhook(t.db, await f.principal("admin-b@test.local"), { url: "https://hooks.example.com/x", secret: SECRET })).rejects.toMatchObject({ status: 403 });
    const bad = await saveAlertWebhook(t.db, org, { url: "ftp://hooks.example.com", secret: "short" }).catch((e: unknown) => e);
    expect(bad).toMatchObject({
      status: 400,
      issues: [
        { path: "url", message: "Enter an http:// or https:// URL." },
        { path: "secret", message: "The signing secret has at least 16 characters." },
      ],
    });
    expect(await viewAlertWebhook(t.db, org)).toEqual({ url: "http://127.0.0.1:1/nothing-listens", hasSecret: true, isEnabled: true });
    expect(await saveAlertWebhook(t.db, org, null)).toEqual({ url: null, hasSecret: false, isEnabled: false });
    expect(await viewAlertWebhook(t.db, org)).toEqual({ url: null, hasSecret: false, isEnabled: false });
    const events = await t.db.auditEvent.findMany({ where: { action: "settings.alert_webhook_updated" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(SECRET);
    expect(events[1]!.data).toMatchObject({ after: null, isSecretChanged: false });
  });
});
