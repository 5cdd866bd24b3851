import { expect, test } from "@playwright/test";
import { Shell } from "./pages/shell";
import { apiSignIn } from "./support/api-sign-in";
import type { TDemoRole } from "./support/users";

const EXPECTED_NAV: Record<TDemoRole, string[]> = {
  admin: ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Audit", "Settings"],
  builder: ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents"],
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
      expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/permission/) });
    }
  });
});

test("an admin may verify the audit chain and list live workers", async ({ context }) => {
  await apiSignIn(context.request, "admin");
  const verify = await context.request.post("/api/audit/verify");
  expect(verify.status()).toBe(200);
  expect((await verify.json()).verification).toMatchObject({ isIntact: true });
  const workers = await context.request.get("/api/system/workers");
  expect((await workers.json()).workers.length).toBeGreaterThanOrEqual(1);
});
