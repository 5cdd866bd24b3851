import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SettingsOrganisationPage } from "./pages/settings-organisation-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";

// Settings → Organisation as the organisation admin: the time zone budget periods follow (shown on the Policies page)
// and the budget alert webhook (the outbound guard at save, a generated secret shown once, a signed test delivery to a
// loopback receiver of this spec). Both settings are global to the e2e database: each test puts them back.

type TOrg = { timeZone: string; isTimeZoneSet: boolean };

async function readOrg(request: APIRequestContext): Promise<TOrg> {
  const res = await request.get("/api/settings/organisation");
  expect(res.status()).toBe(200);
  return (await res.json()) as TOrg;
}

async function restoreOrg(request: APIRequestContext, original: TOrg) {
  await request.put("/api/settings/organisation", { data: { timeZone: original.timeZone } });
  if (!original.isTimeZoneSet) await queryDb(`DELETE FROM "SystemSetting" WHERE key = 'org.timezone'`);
}

type TCall = { headers: IncomingHttpHeaders; body: string };

async function startReceiver() {
  const calls: TCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/baton-alerts`, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The receiver is on loopback, which the outbound guard refuses unless private networks are allowed: setup written
 * straight into the database and left on, as e2e/builder.spec.ts does (putting it back would race the Settings → Engine
 * spec, which compares the setting before and after its own changes).
 */
async function allowPrivateNetworks() {
  const [row] = await queryDb<{ value: { allowPrivateNetworks?: boolean } }>(`SELECT value FROM "SystemSetting" WHERE key = 'network.outbound'`);
  if (row?.value.allowPrivateNetworks) return;
  await queryDb(
    `INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
    ["network.outbound", JSON.stringify({ allowPrivateNetworks: true, allowedHosts: [] })],
  );
}

test.describe("Settings → Organisation as the organisation admin", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "admin"));

  test("sets the time zone budget periods follow, sees it on the Policies page, and is refused an unknown zone", async ({ page, context }) => {
    const original = await readOrg(context.request);
    const settings = new SettingsOrganisationPage(page);
    try {
      await settings.goto();
      await expect(settings.timeZoneSection()).toContainText("Budget periods start at midnight in this zone");
      await expect(settings.timeZoneSection()).toContainText("within 5 seconds");
      await settings.saveTimeZone("Europe/Berlin");
      await expect(settings.timeZoneSection().getByRole("status")).toHaveText("Time zone saved: Europe/Berlin.");
      await page.reload();
      await expect(settings.timeZone()).toHaveValue("Europe/Berlin");

      await page.goto("/policies");
      const budgets = page.getByRole("region", { name: "Budgets" });
      await expect(budgets).toContainText("Periods start at midnight in the organisation's time zone, Europe/Berlin");
      await budgets.getByRole("link", { name: "Change it in Settings → Organisation" }).click();
      await expect(page).toHaveURL(/\/settings\/organisation$/);

      const bad = await context.request.put("/api/settings/organisation", { data: { timeZone: "Mars/Olympus" } });
      expect(bad.status()).toBe(400);
      expect(await bad.json()).toMatchObject({
        error: { code: "VALIDATION", issues: [{ path: "timeZone", message: expect.stringContaining('"Mars/Olympus" is not a time zone this server knows') }] },
      });
      expect((await readOrg(context.request)).timeZone).toBe("Europe/Berlin");
    } finally {
      await restoreOrg(context.request, original);
    }
  });

  test("sets the alert webhook: the guard refuses a URL with credentials, the secret is shown once, a signed test arrives", async ({ page, context }) => {
    await allowPrivateNetworks();
    const receiver = await startReceiver();
    const settings = new SettingsOrganisationPage(page);
    try {
      await settings.goto();
      await expect(settings.webhookSection()).toContainText("Not set");
      await settings.webhookUrl().fill("https://someone:pw@alerts.example.com/hook");
      await settings.saveWebhook();
      await expect(settings.webhookSection().getByRole("alert")).toContainText("Credentials in the URL are not allowed");
      await expect(settings.webhookUrl()).toHaveAttribute("aria-invalid", "true");
      expect((await (await context.request.get("/api/settings/alert-webhook")).json()) as unknown).toEqual({ url: null, hasSecret: false, isEnabled: false });

      await settings.webhookUrl().fill(receiver.url);
      await settings.saveWebhook();
      await expect(settings.webhookStatus()).toHaveText("Alert webhook saved with a new signing secret.");
      const secret = await settings.revealedSecret().inputValue();
      expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);

      await settings.webhookSection().getByRole("button", { name: "Send test" }).click();
      await expect(settings.webhookStatus()).toHaveText("Test delivered: the receiver answered HTTP 204.");
      expect(receiver.calls).toHaveLength(1);
      const [call] = receiver.calls;
      const timestamp = String(call!.headers["x-baton-timestamp"]);
      const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(call!.body).digest("hex")}`;
      expect(call!.headers["x-baton-signature"]).toBe(expected);
      expect(JSON.parse(call!.body)).toMatchObject({ type: "test" });

      // Shown once: after a reload the page only says a secret is set.
      await page.reload();
      await expect(settings.webhookSection().getByRole("region", { name: "New signing secret" })).toHaveCount(0);
      await expect(settings.webhookSection()).toContainText("A signing secret is set");
      await settings.webhookSection().getByText("How to verify a delivery").click();
      await expect(settings.webhookSection()).toContainText('HMAC-SHA256, keyed with the signing secret, of the timestamp, a dot and the raw body');

      await settings.sendAlerts().uncheck();
      await settings.saveWebhook();
      await expect(settings.webhookStatus()).toHaveText("Alert webhook saved.");
      await expect(settings.webhookSection()).toContainText("Turned off");
      expect((await (await context.request.get("/api/settings/alert-webhook")).json()) as unknown).toEqual({ url: receiver.url, hasSecret: true, isEnabled: false });
    } finally {
      await context.request.delete("/api/settings/alert-webhook");
      await receiver.close();
    }
  });
});

test("a team admin gets the 403 page on Settings → Organisation and 403s from its API", async ({ page, context }) => {
  await apiSignIn(context.request, "teamadmin");
  const res = await page.goto("/settings/organisation");
  expect(res?.status()).toBe(403);
  expect((await context.request.get("/api/settings/organisation")).status()).toBe(403);
  expect((await context.request.put("/api/settings/organisation", { data: { timeZone: "UTC" } })).status()).toBe(403);
  expect((await context.request.post("/api/settings/alert-webhook/test")).status()).toBe(403);
});
