import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { teamIdByName } from "./support/workflows-api";

// Budgets on the Policies page and in-app budget alerts: the budgets table fits a 1280×800 window (no sideways scroll
// to reach a row's delete button); a threshold alert of the current period shows on the dashboard and the Policies
// page to everyone who can see the budget, and dismissing it hides it for that person only. Also: the seeded Baseline
// policy's version reads as the demo seed's.
//
// Alerts are written by the budget ledger when a model call crosses a threshold; no API creates one, so this spec
// inserts its alert row into the e2e database, for a budget it creates through the API and deletes afterwards.

type TBudget = { id: string; name: string; periodStart: string };

async function createBudget(request: APIRequestContext, body: Record<string, unknown>): Promise<TBudget> {
  const res = await request.post("/api/budgets", { data: { warnAt: 0.8, onExceeded: "block", ...body } });
  expect(res.status(), await res.text()).toBe(201);
  const { budget } = (await res.json()) as { budget: { id: string } };
  const list = (await (await request.get("/api/budgets")).json()) as { budgets: TBudget[] };
  return list.budgets.find((b) => b.id === budget.id)!;
}

async function insertAlert(budget: TBudget, threshold: number, amountUsd: string): Promise<string> {
  const id = `e2e-alert-${randomBytes(6).toString("hex")}`;
  await queryDb(
    `INSERT INTO "BudgetAlert" (id, "budgetId", "periodStart", threshold, "spentUsd", "reservedUsd", "amountUsd", "createdAt")
     VALUES ($1, $2, $3::timestamptz AT TIME ZONE 'UTC', $4, $5, 0, $6, now() AT TIME ZONE 'UTC')`,
    [id, budget.id, budget.periodStart, threshold, (Number(amountUsd) * threshold) / 100, amountUsd],
  );
  return id;
}

const notices = (page: Page) => page.getByRole("region", { name: "Budget alerts" });

test("the budgets table fits 1280×800: every row's delete button is in view without scrolling sideways", async ({ page, context }) => {
  await apiSignIn(context.request, "admin");
  const [builder] = await queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = 'builder@baton.local'`);
  const [model] = await queryDb<{ name: string }>(`SELECT name FROM "Model" ORDER BY length(name) DESC, name LIMIT 1`);
  const suffix = randomBytes(3).toString("hex");
  // The widest row the form can make: a person's budget in a team, a long name, a downgrade to the longest model name.
  const wide = await createBudget(context.request, {
    name: `E2E quarterly research spend for the whole analytics group ${suffix}`,
    scope: "user",
    teamId: await teamIdByName(context.request, "Risk Operations"),
    targetId: builder!.id,
    period: "week",
    amountUsd: "123456.78",
    onExceeded: "downgrade",
    downgradeTo: model!.name,
  });
  try {
    expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
    await page.goto("/policies");
    const table = page.getByRole("table", { name: "Budgets" });
    await expect(table.getByRole("row", { name: new RegExp(wide.name) })).toBeVisible();
    const deletes = table.getByRole("button", { name: /^Delete / });
    expect(await deletes.count()).toBeGreaterThanOrEqual(3);
    const overflow = await table.evaluate((t) => {
      const wrapper = t.parentElement!;
      return { table: wrapper.scrollWidth - wrapper.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
    });
    expect(overflow).toEqual({ table: 0, page: 0 });
    for (const button of await deletes.all()) {
      // Scrolled down to the row only: had the button been off to the side, the browser would have scrolled sideways too.
      await button.evaluate((el) => el.scrollIntoView({ block: "center", inline: "nearest" }));
      expect(await table.evaluate((t) => [t.parentElement!.scrollLeft, window.scrollX])).toEqual([0, 0]);
      await expect(button).toBeInViewport({ ratio: 1 });
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
    }
  } finally {
    await context.request.delete(`/api/budgets/${wide.id}`);
  }
});

test("a budget alert shows on the dashboard and the Policies page; dismissing it hides it for that person only", async ({ browser }) => {
  const adminContext = await browser.newContext();
  await apiSignIn(adminContext.request, "admin");
  const name = `E2E Support monthly ${randomBytes(3).toString("hex")}`;
  const budget = await createBudget(adminContext.request, {
    name,
    scope: "team",
    teamId: await teamIdByName(adminContext.request, "Customer Care"),
    period: "month",
    amountUsd: "500",
  });
  const alertId = await insertAlert(budget, 80, "500");
  const text = new RegExp(`Budget ‘${name}’ reached 80 % of \\$500\\.00 this month on [A-Z][a-z]{2} \\d{1,2}, \\d{2}:\\d{2}`);
  const approver = await browser.newContext();
  const viewer = await browser.newContext();
  try {
    await apiSignIn(approver.request, "approver");
    const page = await approver.newPage();
    await page.goto("/dashboard");
    const notice = notices(page).getByText(text);
    await expect(notice).toBeVisible();

    await page.goto("/policies");
    await expect(notices(page).getByText(text)).toBeVisible();
    await notices(page).getByRole("button", { name: `Dismiss the alert: ${name} reached 80 %` }).click();
    await expect(page.getByText(text)).toHaveCount(0);
    await page.goto("/dashboard");
    await expect(page.getByText(text)).toHaveCount(0);
    const stored = await queryDb<{ n: number }>(`SELECT count(*)::int AS n FROM "BudgetAlertDismissal" WHERE "alertId" = $1`, [alertId]);
    expect(stored[0]!.n).toBe(1);

    // Someone else who can see the budget still sees it.
    await apiSignIn(viewer.request, "viewer");
    const other = await viewer.newPage();
    await other.goto("/policies");
    await expect(notices(other).getByText(text)).toBeVisible();
    // The alert is also on the budget's row.
    await expect(other.getByRole("table", { name: "Budgets" }).getByRole("row", { name: new RegExp(name) })).toContainText("Reached 80 %");

    const dismissUnknown = await viewer.request.post("/api/budget-alerts/no-such-alert/dismiss");
    expect(dismissUnknown.status()).toBe(404);
    expect(await dismissUnknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  } finally {
    await queryDb(`DELETE FROM "BudgetAlert" WHERE id = $1`, [alertId]);
    await adminContext.request.delete(`/api/budgets/${budget.id}`);
    await Promise.all([adminContext.close(), approver.close(), viewer.close()]);
  }
});

test("the seeded Baseline governance policy reads as published by the demo seed, not by a person", async ({ page, context }) => {
  await apiSignIn(context.request, "viewer");
  await page.goto("/policies");
  await page.getByRole("link", { name: "Baseline governance" }).click();
  await expect(page.getByText(/Current version v1, published .* by the demo seed/)).toBeVisible();
  await expect(page.getByText("Ada Admin")).toHaveCount(0);
  await expect(page.getByTitle("Written by the demo seed, not published by a person")).toBeVisible();
});
