import { expect, test, type APIRequestContext } from "@playwright/test";
import { SettingsEnginePage } from "./pages/settings-engine-page";
import { apiSignIn } from "./support/api-sign-in";

// The emergency stop and the outbound settings are global to the e2e database: every test that changes them puts
// them back in a finally block, so specs running in parallel are not affected.

type TNetwork = { allowPrivateNetworks: boolean; allowedHosts: string[] };

async function readNetwork(request: APIRequestContext): Promise<TNetwork> {
  const res = await request.get("/api/settings/network");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { settings: TNetwork }).settings;
}

async function resumeIfStopped(request: APIRequestContext) {
  const status = await request.get("/api/engine/status");
  if (((await status.json()) as { emergencyStop: { isStopped: boolean } }).emergencyStop.isStopped) {
    await request.post("/api/engine/resume");
  }
}

test.describe("Settings → Engine as an admin", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "admin"));

  test("stops the engine with a reason, sees it stopped, then resumes it", async ({ page, context }) => {
    const engine = new SettingsEnginePage(page);
    await engine.goto();
    await engine.expectLoaded();
    await expect(engine.engineState()).toHaveText("Engine running");
    await expect(engine.workersTable()).toBeVisible();
    await expect(engine.queuesTable().getByRole("row", { name: /Runs/ })).toBeVisible();

    try {
      await engine.openStopDialog();
      await engine.stopDialog().getByRole("button", { name: "Stop all runs" }).click();
      await expect(engine.stopDialog().getByRole("alert")).toContainText("Say why you are stopping the engine");

      await engine.confirmStop("E2E: checking the emergency stop");
      await expect(engine.stopDialog()).toBeHidden();
      await expect(engine.engineState()).toHaveText("Engine stopped");
      await expect(engine.emergencyPanel()).toContainText("E2E: checking the emergency stop");
      await expect(engine.emergencyPanel()).toContainText("admin@baton.local");

      await page.reload();
      await expect(engine.engineState()).toHaveText("Engine stopped");

      await engine.resume();
      await expect(engine.engineState()).toHaveText("Engine running");
      await expect(engine.emergencyPanel().getByRole("status")).toContainText(
        /Engine resumed\. (No run|\d+ runs? woken)/,
      );
    } finally {
      await resumeIfStopped(context.request);
    }
  });

  test("saves an allowed host and sees it after a reload", async ({ page, context }) => {
    const original = await readNetwork(context.request);
    const engine = new SettingsEnginePage(page);
    try {
      await engine.goto();
      // A non-empty list allows only what it names: the loopback stubs that other specs' runs call stay allowed.
      const hosts = new Set([...original.allowedHosts, "127.0.0.1", "localhost", "e2e-partner.example.com"]);
      await engine.allowedHosts().fill([...hosts].join("\n"));
      await engine.saveNetwork();
      await expect(engine.networkStatus()).toContainText("Outbound network settings saved.");

      await page.reload();
      await expect(engine.allowedHosts()).toHaveValue(/e2e-partner\.example\.com/);
      await expect(engine.privateNetworksSwitch()).toBeChecked({ checked: original.allowPrivateNetworks });
    } finally {
      await context.request.put("/api/settings/network", { data: original });
    }
  });

  test("shows an invalid host inline, on its line, and saves nothing", async ({ page, context }) => {
    const original = await readNetwork(context.request);
    const engine = new SettingsEnginePage(page);
    try {
      await engine.goto();
      await engine.allowedHosts().fill("api.example.com\n\nhttps://bad.example.com/path");
      await engine.saveNetwork();
      await expect(engine.hostErrors()).toContainText("Line 3:");
      await expect(engine.hostErrors()).toContainText("without http://");
      await expect(engine.allowedHosts()).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText(/at .*\.(js|ts):\d+/)).toHaveCount(0);
      expect(await readNetwork(context.request)).toEqual(original);
    } finally {
      await context.request.put("/api/settings/network", { data: original });
    }
  });

  test("sets a circuit breaker's thresholds for one host, sees them after a reload, and is told what is wrong", async ({
    page,
    context,
  }) => {
    const read = async () => ((await (await context.request.get("/api/engine/breakers/settings")).json()) as { settings: unknown }).settings;
    const original = await read();
    const engine = new SettingsEnginePage(page);
    try {
      await engine.goto();
      await expect(engine.thresholdField("Cool-down (s)", "All other hosts and providers")).toHaveValue("30");
      await engine.addHostThresholds("e2e-breaker.example.com");
      await engine.thresholdField("Cool-down (s)", "e2e-breaker.example.com").fill("0.05");
      await engine.saveThresholds();
      await expect(engine.thresholdsSection().getByRole("alert")).toContainText(
        "e2e-breaker.example.com: The cool-down is at least 100 ms.",
      );
      expect(await read()).toEqual(original);

      await engine.thresholdField("Cool-down (s)", "e2e-breaker.example.com").fill("5");
      await engine.thresholdField("Failures", "e2e-breaker.example.com").fill("3");
      await engine.saveThresholds();
      await expect(engine.thresholdsSection().getByRole("status")).toContainText("Circuit breaker thresholds saved.");

      await page.reload();
      await expect(engine.thresholdField("Cool-down (s)", "e2e-breaker.example.com")).toHaveValue("5");
      await expect(engine.thresholdField("Failures", "e2e-breaker.example.com")).toHaveValue("3");
      expect(await read()).toMatchObject({
        overrides: [{ key: "host:e2e-breaker.example.com", failureThreshold: 3, coolDownMs: 5000, windowMs: 60_000 }],
      });
    } finally {
      await context.request.put("/api/engine/breakers/settings", { data: original });
    }
  });

  test("bad input to the engine endpoints is a clear 4xx that changes nothing", async ({ context }) => {
    const { request } = context;
    const noReason = await request.post("/api/engine/stop", { data: { reason: " " } });
    expect(noReason.status()).toBe(400);
    expect((await noReason.json()).error).toMatchObject({ code: "VALIDATION", issues: [{ path: "reason" }] });

    const status = await (await request.get("/api/engine/status")).json();
    expect(status.emergencyStop.isStopped).toBe(false);
    expect(status.workers.length).toBeGreaterThanOrEqual(1);

    const resume = await request.post("/api/engine/resume");
    expect(resume.status()).toBe(409);
    expect((await resume.json()).error.message).toMatch(/nothing to resume/);

    const badKey = await request.post("/api/engine/breakers/reset", { data: { key: "nope" } });
    expect(badKey.status()).toBe(400);
    const unknown = await request.post("/api/engine/breakers/reset", { data: { key: "host:never-failed.example" } });
    expect(unknown.status()).toBe(404);

    const badHost = await request.put("/api/settings/network", {
      data: { allowPrivateNetworks: false, allowedHosts: ["*.com"] },
    });
    expect(badHost.status()).toBe(400);
    expect((await badHost.json()).error.issues).toEqual([
      { path: "allowedHosts.0", message: expect.stringMatching(/too broad/) },
    ]);
  });
});

test.describe("Settings → Engine as a builder", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "builder"));

  test("gets the 403 page and a JSON 403 from the engine endpoints", async ({ page, context }) => {
    const res = await new SettingsEnginePage(page).goto();
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

    for (const [method, path, data] of [
      ["POST", "/api/engine/stop", { reason: "builder tries" }],
      ["POST", "/api/engine/resume", undefined],
      ["GET", "/api/engine/status", undefined],
      ["POST", "/api/engine/breakers/reset", { key: "host:x.example" }],
      ["PUT", "/api/settings/network", { allowPrivateNetworks: true, allowedHosts: [] }],
      ["GET", "/api/engine/breakers/settings", undefined],
      ["PUT", "/api/engine/breakers/settings", { defaults: { failureThreshold: 1, windowMs: 1000, coolDownMs: 100, failureRate: null }, overrides: [] }],
    ] as const) {
      const r = await context.request.fetch(path, { method, data });
      expect(r.status(), `${method} ${path}`).toBe(403);
      expect((await r.json()).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/permission/) });
    }
  });
});

// Issue 9, finding 4: the engine and the outbound network are the organisation's, not one team's.
test.describe("Settings → Engine as a team admin (admin of Risk Operations only)", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "teamadmin"));

  test("has no Engine section, gets the 403 page by URL, and cannot stop the engine or change the network", async ({
    page,
    context,
  }) => {
    const engine = new SettingsEnginePage(page);
    await page.goto("/settings/teams");
    expect(await engine.sectionLabels()).not.toContain("Engine");
    const res = await engine.goto();
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

    const stop = await context.request.post("/api/engine/stop", { data: { reason: "team admin tries" } });
    expect(stop.status()).toBe(403);
    const save = await context.request.put("/api/settings/network", {
      data: { allowPrivateNetworks: true, allowedHosts: [] },
    });
    expect(save.status()).toBe(403);
    expect((await save.json()).error.message).toMatch(/only an organisation admin can/);
  });
});
