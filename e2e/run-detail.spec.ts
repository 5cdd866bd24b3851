import { expect, test, type APIRequestContext } from "@playwright/test";
import { FRAUD_WORKFLOW, RunDetailPage, RunsListPage } from "./pages/run-detail-page";
import { apiSignIn } from "./support/api-sign-in";

type TApiRun = {
  id: string;
  status: string;
  approvals: { id: string; status: string; comment: string | null; decidedByName: string | null }[];
};

async function getRun(request: APIRequestContext, runId: string): Promise<TApiRun> {
  const res = await request.get(`/api/runs/${runId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { run: TApiRun }).run;
}

test("a builder opens a generated run from the runs list and reads its steps", async ({ page, context }) => {
  await apiSignIn(context.request, "builder");
  const list = new RunsListPage(page);
  await list.goto();
  await list.filterByStatus("Succeeded");
  // Other specs finish real runs in parallel; the newest generated one is the run this journey is about.
  const runId = await list.open(list.rows().filter({ has: page.getByText("Generated", { exact: true }) }).first());

  const detail = new RunDetailPage(page);
  await expect(detail.title()).toBeVisible();
  await expect(detail.status()).toHaveText("Succeeded");
  await expect(detail.generatedTag()).toBeVisible();
  await expect(detail.steps().getByRole("listitem").first()).toBeVisible();
  // Every step the API knows is on the page, and its output opens on demand.
  const run = (await (await context.request.get(`/api/runs/${runId}`)).json()) as {
    run: { steps: { nodeId: string }[] };
  };
  expect(run.run.steps.length).toBeGreaterThan(1);
  for (const { nodeId } of run.run.steps) await expect(detail.step(nodeId)).toBeVisible();
  const first = run.run.steps[0]!.nodeId;
  const output = detail.step(first).getByLabel(`Output of ${first}`);
  await expect(output).toBeHidden();
  await detail.step(first).getByText(`Output of ${first}`).click();
  await expect(output).toBeVisible();
  await expect(output).toContainText("{");
  // A finished run has nothing live to follow and cannot be cancelled.
  await expect(detail.live()).toHaveCount(0);
  await expect(detail.cancelButton()).toHaveCount(0);
});

test("an approver approves a waiting fraud run with a comment and watches it leave WAITING live", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await apiSignIn(context.request, "approver");
  const list = new RunsListPage(page);
  await list.goto();
  await list.filterByStatus("Waiting");
  const rows = list.rowsOf(FRAUD_WORKFLOW);
  await expect(rows.first()).toBeVisible();
  // The oldest one, so that a parallel journey taking the newest (e.g. from the Inbox) does not race this one.
  const runId = await list.open(rows.last());

  const detail = new RunDetailPage(page);
  await expect(detail.status()).toHaveText("Waiting");
  await expect(detail.live()).toHaveText("Live");
  const approval = detail.approval(/^Approval: High-risk transaction/);
  await expect(approval).toBeVisible();
  await expect(approval.getByText("Pending", { exact: true })).toBeVisible();
  // Approvers decide; cancelling is for builders and admins.
  await expect(detail.cancelButton()).toHaveCount(0);

  const comment = `Checked with the cardholder (${test.info().workerIndex}-${Date.now()})`;
  await detail.approve(comment);

  // The decision is recorded with its comment and the person who made it.
  await expect(approval.getByText(`Approved by Avery Approver`)).toBeVisible();
  await expect(approval.getByText(comment)).toBeVisible();
  const decided = (await getRun(context.request, runId)).approvals[0]!;
  expect(decided).toMatchObject({ status: "APPROVED", comment, decidedByName: "Avery Approver" });

  // The worker resumes the run; its status changes on the page without a reload. Its next node calls a case API that
  // is not reachable in tests, so the final status may be either.
  await expect(detail.status()).not.toHaveText("Waiting", { timeout: 60_000 });
  await expect(detail.step("review").getByText("Succeeded", { exact: true })).toBeVisible({ timeout: 30_000 });

  // Deciding again is a conflict, not an error.
  const again = await context.request.post(`/api/approvals/${decided.id}/decision`, { data: { decision: "rejected" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("CONFLICT");
});

test("a viewer sees a waiting run without approve or cancel buttons, and the API refuses their decision", async ({
  page,
  context,
}) => {
  await apiSignIn(context.request, "viewer");
  const list = new RunsListPage(page);
  await list.goto();
  await list.filterByStatus("Waiting");
  // A generated run waiting for an approval: the runs of other journeys' "E2E …" workflows may be waiting for a delay
  // or an open circuit breaker instead.
  const row = list.rows().filter({ hasNot: page.getByRole("link", { name: /^E2E / }) }).first();
  await expect(row).toBeVisible();
  const runId = await list.open(row);

  const detail = new RunDetailPage(page);
  await expect(detail.status()).toHaveText("Waiting");
  const approval = detail.approval();
  await expect(approval).toBeVisible();
  await expect(approval.getByText(/Waiting for an? (approver|admin) of/)).toBeVisible();
  await expect(detail.approveButton()).toHaveCount(0);
  await expect(detail.rejectButton()).toHaveCount(0);
  await expect(detail.commentBox()).toHaveCount(0);
  await expect(detail.cancelButton()).toHaveCount(0);

  const run = await getRun(context.request, runId);
  const pending = run.approvals.find((a) => a.status === "PENDING")!;
  const decision = await context.request.post(`/api/approvals/${pending.id}/decision`, {
    data: { decision: "approved", comment: "not mine to decide" },
  });
  expect(decision.status()).toBe(403);
  expect((await decision.json()).error.code).toBe("FORBIDDEN");
  const cancel = await context.request.post(`/api/runs/${runId}/cancel`);
  expect(cancel.status()).toBe(403);
  // Nothing changed.
  expect((await getRun(context.request, runId)).approvals.find((a) => a.id === pending.id)?.status).toBe("PENDING");
});

test("the run and approval APIs answer bad input with clear 4xx responses", async ({ request }) => {
  await apiSignIn(request, "admin");
  for (const [method, path] of [
    ["GET", "/api/runs/no-such-run"],
    ["GET", "/api/runs/no-such-run/events"],
    ["POST", "/api/runs/no-such-run/cancel"],
  ] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect((await res.json()).error.code).toBe("NOT_FOUND");
  }
  // A NUL byte hidden in the address is refused before any route runs.
  for (const [method, path] of [
    ["GET", "/api/runs/%00"],
    ["GET", "/api/runs/%00/events"],
    ["POST", "/api/runs/%00/cancel"],
    ["POST", "/api/approvals/%00/decision"],
  ] as const) {
    const res = await request.fetch(path, { method, data: { decision: "approved" } });
    expect(res.status(), `${method} ${path}`).toBe(400);
  }
  const unknown = await request.post(`/api/approvals/no-such-approval/decision`, { data: { decision: "approved" } });
  expect(unknown.status()).toBe(404);

  const invalid = await request.post("/api/approvals/no-such-approval/decision", { data: { decision: "maybe" } });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error).toMatchObject({
    code: "VALIDATION",
    issues: [expect.objectContaining({ path: "decision" })],
  });
  const malformed = await request.post("/api/approvals/no-such-approval/decision", {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{ decision: "),
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.code).toBe("BAD_REQUEST");
});

test("cancelling a run that already ended is a 409, found through the runs list", async ({ page, context }) => {
  await apiSignIn(context.request, "builder");
  const list = new RunsListPage(page);
  await list.goto();
  await list.filterByStatus("Failed");
  const runId = await list.open(list.rows().first());
  const res = await context.request.post(`/api/runs/${runId}/cancel`);
  expect(res.status()).toBe(409);
  expect((await res.json()).error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already ended/) });
});

test("an unknown run is a not-found page, not an error", async ({ page, context }) => {
  await apiSignIn(context.request, "viewer");
  await page.goto("/runs/no-such-run");
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});
