import { expect, test } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";

// The Inbox labels approvals that belong to the seed's generated demo history, so nobody takes them for real requests.
// Read-only: other specs may decide pending approvals meanwhile, so the rows are compared with the database as shown.

test("labels the approvals of generated demo runs, and only those, as Generated", async ({ page, context }) => {
  await apiSignIn(context.request, "approver");
  await page.goto("/inbox");
  const table = page.getByRole("table", { name: "Pending approvals" });
  await expect(table).toBeVisible();
  const rows = table.getByRole("row").filter({ has: page.locator("td") });
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.querySelector("td.font-mono")?.textContent?.trim() ?? ""),
  );
  expect(shown.length).toBeGreaterThan(0);
  const runs = await queryDb<{ id: string; isGenerated: boolean }>(
    `SELECT id, "isGenerated" FROM "Run" WHERE id = ANY($1)`,
    [shown],
  );
  const isGenerated = new Map(runs.map((r) => [r.id, r.isGenerated]));
  // The seed leaves approvals of its generated runs pending (the demo Inbox is never empty).
  expect(shown.some((id) => isGenerated.get(id))).toBe(true);
  for (const [i, runId] of shown.entries()) {
    await expect(rows.nth(i).getByText("Generated", { exact: true })).toHaveCount(isGenerated.get(runId) ? 1 : 0);
  }
});
