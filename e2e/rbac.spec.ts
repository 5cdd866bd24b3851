import { expect, test } from "@playwright/test";
import { SettingsEnginePage } from "./pages/settings-engine-page";
import { Shell } from "./pages/shell";
import { apiSignIn } from "./support/api-sign-in";
import { teamIdByName } from "./support/workflows-api";
import type { TDemoRole } from "./support/users";

const EXPECTED_NAV: Record<TDemoRole, string[]> = {
  admin: ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Audit", "Settings"],
  teamadmin: ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Audit", "Settings"],
  builder: ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Settings"],
  approver: ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents"],
  viewer: ["Workflows", "Runs", "Dashboard", "Policies", "Agents"],
};

for (const role of Object.keys(EXPECTED_NAV) as TDemoRole[]) {
  test(`the navigation shows ${role}s exactly the sections they may open`, async ({ page, context }) => {
    await apiSignIn(context.request, role);
    await page.goto("/workflows");
    expect(await new Shell(page).navLabels()).toEqual(EXPECTED_NAV[role]);
  });
}

test.describe("a viewer", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "viewer"));

  test("gets a clear 403 page on an admin page", async ({ page }) => {
    for (const path of ["/audit", "/settings/users"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      await expect(page.getByRole("link", { name: /workflows/i }).first()).toBeVisible();
    }
  });

  test("gets a JSON 403 from admin API routes", async ({ context }) => {
    for (const [method, path] of [
      ["GET", "/api/audit/verify"],
      ["POST", "/api/audit/verify"],
      ["GET", "/api/system/workers"],
    ] as const) {
      const res = await context.request.fetch(path, { method });
      expect(res.status(), `${method} ${path}`).toBe(403);
      expect((await res.json()).error).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/permission/),
      });
    }
  });
});

test("an organisation admin may verify the audit chain and list live workers", async ({ page, context }) => {
  await apiSignIn(context.request, "admin");
  await page.goto("/audit");
  await expect(page.getByRole("region", { name: "Chain status" })).toContainText("Chain intact");
  const verify = await context.request.post("/api/audit/verify");
  expect(verify.status()).toBe(200);
  expect((await verify.json()).verification).toMatchObject({ isIntact: true });
  const workers = await context.request.get("/api/system/workers");
  expect((await workers.json()).workers.length).toBeGreaterThanOrEqual(1);
});

// Issue 9, finding 4: an admin of one team has no organisation-wide powers.
test.describe("a team admin (admin of Risk Operations only)", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "teamadmin"));

  test("is offered only their teams' Settings sections, and gets the 403 page on organisation-wide ones", async ({
    page,
  }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/teams$/);
    expect(await new SettingsEnginePage(page).sectionLabels()).toEqual(["Teams", "Users", "API keys"]);
    await expect(page.getByRole("table", { name: "Teams" }).getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("table", { name: "Teams" })).not.toContainText("Customer Care");

    for (const path of ["/settings/engine", "/settings/providers", "/settings/models", "/settings/organisation"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  });

  test("sees only Risk Operations memberships in Users", async ({ page }) => {
    await page.goto("/settings/users");
    const users = page.getByRole("table", { name: "Users" });
    await expect(users.getByRole("row", { name: /teamadmin@baton\.local/ })).toContainText("Risk Operations");
    await expect(users).not.toContainText("Customer Care");
  });

  test("sees their team's audit events only: no other team's, no organisation-level ones, no chain check", async ({
    page,
    context,
    browser,
  }) => {
    const stamp = Date.now();
    const own = await context.request.post("/api/workflows", {
      data: { teamId: await teamIdByName(context.request, "Risk Operations"), name: `RBAC audit own ${stamp}` },
    });
    expect(own.status()).toBe(201);
    const admin = await browser.newContext();
    try {
      await apiSignIn(admin.request, "admin");
      const other = await admin.request.post("/api/workflows", {
        data: { teamId: await teamIdByName(admin.request, "Customer Care"), name: `RBAC audit other ${stamp}` },
      });
      expect(other.status()).toBe(201);
    } finally {
      await admin.close();
    }

    const res = await page.goto("/audit?action=workflow.created");
    expect(res?.status()).toBe(200);
    const events = page.getByRole("table", { name: "Audit events" });
    await expect(events.getByRole("row").nth(1)).toContainText("Risk Operations");
    await expect(events).not.toContainText("Customer Care");
    await page.goto("/audit");
    await expect(page.getByRole("table", { name: "Audit events" })).not.toContainText("Organisation");
    await expect(page.getByRole("table", { name: "Audit events" })).not.toContainText("auth.signed_in");
    await expect(page.getByRole("region", { name: "Chain status" })).toHaveCount(0);
  });

  test("gets a JSON 403 naming the organisation admin from organisation-wide endpoints", async ({ context }) => {
    for (const [method, path, data] of [
      ["POST", "/api/engine/stop", { reason: "team admin tries" }],
      ["POST", "/api/engine/resume", undefined],
      ["GET", "/api/engine/status", undefined],
      ["POST", "/api/engine/breakers/reset", { key: "host:x.example" }],
      ["GET", "/api/settings/network", undefined],
      ["PUT", "/api/settings/network", { allowPrivateNetworks: true, allowedHosts: [] }],
      ["GET", "/api/audit/verify", undefined],
      ["POST", "/api/audit/verify", undefined],
      ["GET", "/api/system/workers", undefined],
    ] as const) {
      const r = await context.request.fetch(path, { method, data });
      expect(r.status(), `${method} ${path}`).toBe(403);
      expect((await r.json()).error).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/only an organisation admin can/),
      });
    }
  });
});

test("the organisation admin is offered every Settings section", async ({ page, context }) => {
  await apiSignIn(context.request, "admin");
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/providers$/);
  expect(await new SettingsEnginePage(page).sectionLabels()).toEqual([
    "Providers",
    "Models",
    "Teams",
    "Users",
    "API keys",
    "Engine",
    "Organisation",
  ]);
  await page.getByRole("button", { name: /^Account:/ }).click();
  await expect(page.getByText("Organisation admin", { exact: true })).toBeVisible();
});
