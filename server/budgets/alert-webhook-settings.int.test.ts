import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { AppError } from "../errors";
import { clearOutboundSettingsCache } from "../net/outbound-settings";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { signAlert } from "./alert-webhook";
import { flushAlertDeliveries, invalidateBudgetCache, reserveSpend } from "./ledger";
import { saveAlertWebhook, testAlertWebhook, viewAlertWebhook } from "./save-alert-webhook";

// Settings → Organisation → Budget alert webhook: enable/disable, a generated secret shown once, the outbound guard at
// save, and a test delivery through the same code that sends real alerts.

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;
let stub: THttpStub;

async function setOutbound(value: { allowPrivateNetworks: boolean; allowedHosts: string[] }) {
  await t.db.systemSetting.upsert({ where: { key: "network.outbound" }, create: { key: "network.outbound", value }, update: { value } });
  clearOutboundSettingsCache(t.db);
}

beforeAll(async () => {
  t = await createTestDatabase("alertwebhook");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
  stub = await startHttpStub();
});
beforeEach(async () => {
  // The stub listens on loopback: the organisation allows private networks, as an admin would for an internal receiver.
  await setOutbound({ allowPrivateNetworks: true, allowedHosts: [] });
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await stub.close();
  await t.drop();
});

const audits = (action: string) => t.db.auditEvent.findMany({ where: { action }, orderBy: { seq: "asc" } });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("the alert webhook setting", () => {
  it("generates a signing secret when none is given, returns it once, and never shows or audits it again", async () => {
    const org = await f.principal("org@test.local");
    const saved = await saveAlertWebhook(t.db, org, { url: `${stub.url}/hook` });
    expect(saved).toEqual({ url: `${stub.url}/hook`, hasSecret: true, isEnabled: true, secret: expect.stringMatching(/^whsec_[0-9a-f]{48}$/) });
    expect(await viewAlertWebhook(t.db, org)).toEqual({ url: `${stub.url}/hook`, hasSecret: true, isEnabled: true });

    // Changing the URL or turning it off keeps the secret (none is returned); asking for a new one replaces it.
    expect(await saveAlertWebhook(t.db, org, { url: `${stub.url}/hook2`, isEnabled: false })).toEqual({ url: `${stub.url}/hook2`, hasSecret: true, isEnabled: false });
    const rotated = await saveAlertWebhook(t.db, org, { url: `${stub.url}/hook2`, generateSecret: true });
    expect(rotated).toMatchObject({ isEnabled: false, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.secret).not.toBe(saved.secret);
    const own = await saveAlertWebhook(t.db, org, { url: `${stub.url}/hook2`, secret: "my-own-secret-0123456789", isEnabled: true });
    expect(own).toEqual({ url: `${stub.url}/hook2`, hasSecret: true, isEnabled: true });

    const events = await audits("settings.alert_webhook_updated");
    expect(events.map((e) => e.data)).toEqual([
      { before: null, after: { url: `${stub.url}/hook`, isEnabled: true }, isSecretChanged: true },
      { before: { url: `${stub.url}/hook`, isEnabled: true }, after: { url: `${stub.url}/hook2`, isEnabled: false }, isSecretChanged: false },
      { before: { url: `${stub.url}/hook2`, isEnabled: false }, after: { url: `${stub.url}/hook2`, isEnabled: false }, isSecretChanged: true },
      { before: { url: `${stub.url}/hook2`, isEnabled: false }, after: { url: `${stub.url}/hook2`, isEnabled: true }, isSecretChanged: true },
    ]);
    const stored = JSON.stringify(events.map((e) => e.data));
    for (const secret of [saved.secret!, rotated.secret!, "my-own-secret-0123456789"]) expect(stored).not.toContain(secret);
  });

  it("refuses a URL the outbound guard would refuse, with a 400 naming the field, and changes nothing", async () => {
    const org = await f.principal("org@test.local");
    const before = await t.db.systemSetting.findUniqueOrThrow({ where: { key: "governance.alertWebhook" } });
    const eventsBefore = (await audits("settings.alert_webhook_updated")).length;
    await setOutbound({ allowPrivateNetworks: false, allowedHosts: [] });
    const cases: [unknown, string, RegExp][] = [
      [{ url: "ftp://hooks.example.com" }, "url", /Enter an http:\/\/ or https:\/\/ URL/],
      [{ url: "https://user:pass@hooks.example.com/x" }, "url", /Credentials in the URL are not allowed/],
      [{ url: "http://127.0.0.1:9/x" }, "url", /private network addresses are blocked/],
      [{ url: "http://169.254.169.254/latest" }, "url", /cloud metadata addresses are always blocked/],
      [{ url: "https://hooks.example.com/x", secret: "short" }, "secret", /at least 16 characters/],
      [{ url: "https://hooks.example.com/x", secret: "a-long-enough-secret-123", generateSecret: true }, "secret", /either/],
      [{ url: "https://hooks.example.com/x", isEnabled: "yes" }, "isEnabled", /true or false/],
      [{ url: "https://hooks.example.com/x", extra: 1 }, "", /Unknown field "extra"/],
      [{}, "url", /Enter the URL/],
    ];
    for (const [input, path, message] of cases) {
      const error = await refusal(saveAlertWebhook(t.db, org, input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(error!.status, JSON.stringify(input)).toBe(400);
      expect(error!.issues.find((i) => i.path === path)?.message ?? "", `${JSON.stringify(input)}: ${JSON.stringify(error!.issues)}`).toMatch(message);
    }
    await setOutbound({ allowPrivateNetworks: true, allowedHosts: ["hooks.example.com"] });
    const outside = await refusal(saveAlertWebhook(t.db, org, { url: "https://elsewhere.example.org/x" }));
    expect(outside?.issues).toEqual([{ path: "url", message: expect.stringMatching(/Host elsewhere\.example\.org is not in the organisation's allowed hosts/) }]);
    expect(await t.db.systemSetting.findUniqueOrThrow({ where: { key: "governance.alertWebhook" } })).toEqual(before);
    expect(await audits("settings.alert_webhook_updated")).toHaveLength(eventsBefore);
  });

  it("sends no alert while turned off; the alert is still recorded", async () => {
    const org = await f.principal("org@test.local");
    await saveAlertWebhook(t.db, org, { url: `${stub.url}/off`, isEnabled: false });
    await t.db.budget.create({ data: { name: "Alpha off", scope: "team", teamId: f.teamA, period: "month", amountUsd: "1", warnAt: "0.5" } });
    invalidateBudgetCache(t.db);
    expect((await reserveSpend({ db: t.db, redis }, { teamId: f.teamA }, "0.6", { reservationId: "off-1", ttlMs: 60_000 })).isReserved).toBe(true);
    await flushAlertDeliveries();
    expect(await t.db.budgetAlert.count()).toBe(1);
    expect(stub.callsTo("/off")).toHaveLength(0);
  });

  it("sends a signed test through the same delivery and says what the receiver answered; organisation admins only", async () => {
    const org = await f.principal("org@test.local");
    expect((await refusal(testAlertWebhook(t.db, await f.principal("admin-b@test.local"))))?.status).toBe(403);
    const { secret } = await saveAlertWebhook(t.db, org, { url: `${stub.url}/test`, generateSecret: true, isEnabled: false });
    // A test is sent even while alerts are turned off: it is how an admin checks the receiver before turning them on.
    expect(await testAlertWebhook(t.db, org)).toEqual({ isDelivered: true, status: 200, error: null });
    const [call] = stub.callsTo("/test");
    expect(call!.headers["x-baton-signature"]).toBe(signAlert(secret!, Number(call!.headers["x-baton-timestamp"]), call!.body));
    expect(JSON.parse(call!.body)).toMatchObject({ type: "test", at: expect.any(String) });

    stub.route("/down", () => ({ status: 503, json: { error: "down" } }));
    await saveAlertWebhook(t.db, org, { url: `${stub.url}/down` });
    expect(await testAlertWebhook(t.db, org)).toEqual({ isDelivered: false, status: 503, error: "The receiver answered HTTP 503." });
    await saveAlertWebhook(t.db, org, { url: "http://127.0.0.1:1/nothing-listens" });
    expect(await testAlertWebhook(t.db, org)).toEqual({ isDelivered: false, status: null, error: expect.stringMatching(/ECONNREFUSED|connect/) });
    // The guard applies at delivery too: private addresses turned off after the URL was saved.
    await setOutbound({ allowPrivateNetworks: false, allowedHosts: [] });
    expect(await testAlertWebhook(t.db, org)).toEqual({ isDelivered: false, status: null, error: expect.stringMatching(/private network addresses are blocked/) });

    const tests = await audits("settings.alert_webhook_tested");
    expect(tests.map((e) => e.data)).toEqual([
      { url: `${stub.url}/test`, isDelivered: true, status: 200, error: null },
      { url: `${stub.url}/down`, isDelivered: false, status: 503, error: "The receiver answered HTTP 503." },
      expect.objectContaining({ isDelivered: false, status: null }),
      expect.objectContaining({ isDelivered: false, status: null }),
    ]);

    await saveAlertWebhook(t.db, org, null);
    expect(await refusal(testAlertWebhook(t.db, org))).toMatchObject({ status: 409, message: expect.stringMatching(/No alert webhook is set/) });
  });
});
