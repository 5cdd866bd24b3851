import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { BuilderPage } from "./pages/builder-page";
import { InboxPage, PoliciesListPage, PolicyEditorPage } from "./pages/policy-editor-page";
import { RunDetailPage } from "./pages/run-detail-page";
import { apiSignIn } from "./support/api-sign-in";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode, teamIdByName } from "./support/workflows-api";

// The policy editor end to end (issue 11): an organisation admin writes a policy in the form that holds large payments
// for approval, simulates it against runs that already happened, publishes it; a webhook run above the amount waits in
// the Inbox with the policy's reason and finishes once approved there, a run below passes, and both steps show their
// decisions. Bad documents are refused with the exact problem and nothing is saved.
//
// The policy applies to the whole organisation while it is published, so it must hold nothing but this spec's runs:
// its condition reads trigger.body.transaction.amount (the field of the seeded Fraud Triage payloads) above 10,000,
// and the seed's transactions never exceed 9,000. It is disabled and deleted at the end, also when the test fails.
//
// BATON_SCREENSHOTS=1 also writes the README's screenshots (docs/screenshots/policy-editor.png and
// step-policy-decisions.png) from these pages.

const CONDITION = "trigger.body.transaction.amount > 10000";
const REASON = `the condition ${CONDITION} holds`;
const SCREENSHOTS = process.env.BATON_SCREENSHOTS === "1";

type TApiRun = { id: string; status: string; approvals: { status: string }[] };

async function runOf(request: APIRequestContext, runId: string): Promise<TApiRun> {
  const res = await request.get(`/api/runs/${runId}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { run: TApiRun }).run;
}

async function waitForStatus(request: APIRequestContext, runId: string, status: string) {
  await expect.poll(async () => (await runOf(request, runId)).status, { timeout: 30_000 }).toBe(status);
}

/** A published workflow: a webhook, a model call through the default route (the Sandbox), the output. */
async function paymentsWorkflow(request: APIRequestContext): Promise<{ id: string; secret: string }> {
  const id = await createWorkflowViaApi(request, {
    teamId: await teamIdByName(request, "Risk Operations"),
    name: `E2E payments ${randomBytes(3).toString("hex")}`,
    description: "Created by e2e/policies.spec.ts",
    graph: {
      nodes: [
        graphNode("hook", "trigger.webhook", 0, { auth: "secret", responseMode: "immediate" }),
        graphNode("llm", "ai.llm", 200, {
          model: { kind: "route", routeName: "default-chat" },
          prompt: "Summarise this payment in one sentence: {{ trigger.body.transaction.amount }} {{ trigger.body.transaction.currency }}",
          maxTokens: 64,
        }),
        graphNode("result", "control.output", 400, { value: "nodes.llm.output.text" }),
      ],
      edges: [graphEdge("hook", "llm", "e0"), graphEdge("llm", "result", "e1")],
    },
  });
  const published = await request.post(`/api/workflows/${id}/publish`, { data: { note: "e2e policies" } });
  expect(published.status(), await published.text()).toBe(201);
  // As the builder's webhook panel reveals it.
  const revealed = await request.post(`/api/workflows/${id}/webhook/secret/reveal`);
  expect(revealed.status(), await revealed.text()).toBe(200);
  return { id, secret: ((await revealed.json()) as { secret: string }).secret };
}

async function postPayment(caller: APIRequestContext, workflow: { id: string; secret: string }, amount: number): Promise<string> {
  const res = await caller.post(`/api/hooks/${workflow.id}`, {
    headers: { "x-baton-secret": workflow.secret },
    data: { transaction: { id: `txn_e2e_${amount}`, amount, currency: "EUR" } },
  });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { runId: string }).runId;
}

/** Disables and deletes a policy this spec created, whatever state the test left it in. */
async function removePolicy(request: APIRequestContext, policyId: string | null) {
  if (!policyId) return;
  const found = await request.get(`/api/policies/${policyId}`);
  if (found.status() === 404) return;
  expect((await request.patch(`/api/policies/${policyId}`, { data: { isEnabled: false } })).status()).toBe(200);
  expect((await request.delete(`/api/policies/${policyId}`)).status()).toBe(200);
}

async function screenshot(page: Page, name: string) {
  if (SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${name}`, animations: "disabled", fullPage: true });
}

test("an admin writes a policy that holds large payments, simulates and publishes it; the Inbox holds the large run until approved", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await apiSignIn(context.request, "admin");
  const api = context.request;
  const caller = await playwright.request.newContext({ baseURL });
  let policyId: string | null = null;
  try {
    const workflow = await paymentsWorkflow(api);
    // Runs that happened before the policy: the simulation must find the large one.
    const earlierLarge = await postPayment(caller, workflow, 12_500);
    const earlierSmall = await postPayment(caller, workflow, 80);
    await waitForStatus(api, earlierLarge, "SUCCEEDED");
    await waitForStatus(api, earlierSmall, "SUCCEEDED");

    const list = new PoliciesListPage(page);
    await list.goto();
    // The README's screenshot shows the policy's plain name (the screenshot run's database is a throwaway one).
    const name = SCREENSHOTS ? "Large payments" : `Large payments ${randomBytes(3).toString("hex")}`;
    policyId = await list.create(name, "The whole organisation", "Payments above 10,000 wait for a person's approval.");
    const editor = new PolicyEditorPage(page);

    // The condition, written in the form: a problem while it is incomplete, none once it is whole.
    await editor.ruleSwitch("Approval required when").check();
    const condition = editor.field("Condition (JSONata)");
    await condition.fill("trigger.body.transaction.amount >");
    const incomplete = /Condition is not a valid JSONata expression: Unexpected end of expression at position 33/;
    await expect(condition).toHaveAccessibleDescription(incomplete);
    await expect(editor.problems()).toContainText("approvalWhen.condition:");
    await expect(editor.problems()).toContainText(incomplete);
    await condition.fill(CONDITION);
    await expect(editor.problems()).toHaveCount(0);
    await editor.saveDraft();
    await expect(editor.status()).toHaveText("Draft saved.");

    // Simulated against the runs that already happened: the large one would have been held, the small one not.
    await editor.simulate(200);
    const held = editor.simulatedRun(earlierLarge);
    await expect(held).toContainText("Approval required");
    await expect(held).toContainText(REASON);
    await expect(held.getByRole("link", { name: /^E2E payments / })).toHaveAttribute("href", `/runs/${earlierLarge}`);
    await expect(editor.simulatedRun(earlierSmall)).toHaveCount(0);
    await expect(editor.simulation().getByLabel("Totals")).toContainText("Would be held for approval");

    // Published with a note, after the changes are shown.
    await editor.tab("Rules").click();
    await page.getByRole("button", { name: "Publish…" }).click();
    await expect(editor.publishDialog().getByLabel("Changes to publish")).toContainText("approvalWhen");
    await editor.publishDialog().getByLabel("Note").fill("Hold payments above 10,000 for review");
    await editor.publishDialog().getByRole("button", { name: "Publish", exact: true }).click();
    await expect(editor.publishDialog()).toBeHidden();
    await expect(page.getByText("Current version v1")).toBeVisible();
    await editor.tab("Versions").click();
    await expect(page.getByRole("table", { name: "Versions" })).toContainText("Hold payments above 10,000 for review");

    // A run above the amount waits in the Inbox with the policy's reason; approved there, it finishes.
    const large = await postPayment(caller, workflow, 25_000);
    await waitForStatus(api, large, "WAITING");
    const inbox = new InboxPage(page);
    await inbox.goto();
    const row = inbox.rowOf(large);
    await expect(row).toContainText("Held by policy");
    await expect(row).toContainText(`Approval required by policy ${name} v1: ${REASON}`);
    await row.getByRole("button", { name: /^Approve/ }).click();
    await expect(row.getByRole("status")).toHaveText("Approved");
    await waitForStatus(api, large, "SUCCEEDED");

    // A run below the amount passes without approval.
    const small = await postPayment(caller, workflow, 75);
    await waitForStatus(api, small, "SUCCEEDED");
    expect((await runOf(api, small)).approvals).toEqual([]);

    // Both steps show their decisions.
    const detail = new RunDetailPage(page);
    await detail.goto(large);
    const heldDecisions = detail.step("llm").getByTestId("policy-decisions-llm");
    await expect(heldDecisions).toContainText("Approval required");
    await expect(heldDecisions).toContainText(REASON);
    // The approver by name, as the approval card names them (not their email).
    await expect(heldDecisions).toContainText("Approved by Ada Admin");
    await screenshot(page, "step-policy-decisions.png");
    await detail.goto(small);
    const allowed = detail.step("llm").getByTestId("policy-decisions-llm");
    await expect(allowed).toContainText("Allowed");
    await expect(allowed).toContainText(`policy ${name} v1`);

    // Cleaned up through the editor: a policy must be disabled before it can be deleted.
    await editor.goto(policyId);
    await editor.disableAndDelete();
    await expect(page.getByRole("link", { name })).toHaveCount(0);
    policyId = null;
  } finally {
    await removePolicy(api, policyId);
    await caller.dispose();
  }
});

test("a broken condition and a catastrophic pattern in the JSON view are refused with the exact problem, and nothing is saved", async ({
  page,
  context,
}) => {
  await apiSignIn(context.request, "admin");
  const api = context.request;
  const teamId = await teamIdByName(api, "Risk Operations");
  const created = await api.post("/api/policies", {
    data: { name: `E2E bad input ${randomBytes(3).toString("hex")}`, description: "Guardrails for the risk team's model calls.", scope: { kind: "team", targetId: teamId } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const policyId = ((await created.json()) as { policy: { id: string } }).policy.id;
  try {
    const editor = new PolicyEditorPage(page);
    await editor.goto(policyId);
    if (SCREENSHOTS) {
      // A realistic draft (never published, so it governs nothing), for the README.
      expect((await api.patch(`/api/policies/${policyId}`, { data: { name: "Risk team guardrails" } })).status()).toBe(200);
      await editor.goto(policyId);
      await editor.editAs("JSON");
      await editor.json().fill(
        JSON.stringify({
          approvalWhen: { condition: CONDITION, projectedCostOverUsd: "0.50" },
          models: { allow: { providers: ["Sandbox (simulated)", "OpenAI"] }, classifications: { confidential: { regions: ["eu"] } } },
          pii: { actions: { email: "redact", phone: "redact", card: "block", iban: "redact", us_ssn: "block" } },
          content: { blockedTerms: ["project falcon"], maxCompletionTokens: 2000, action: "block" },
          recordPrompts: "hash",
        }),
      );
      await editor.saveDraft();
      await expect(editor.status()).toHaveText("Draft saved.");
      await editor.editAs("Form");
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.screenshot({ path: "docs/screenshots/policy-editor.png", animations: "disabled" });
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    const savedBefore = ((await (await api.get(`/api/policies/${policyId}`)).json()) as { policy: { draft: unknown } }).policy.draft;

    await editor.editAs("JSON");
    await editor.json().fill(
      JSON.stringify({ approvalWhen: { condition: "trigger.body.amount >" }, content: { patterns: [{ pattern: "(a+)+$" }] } }, null, 2),
    );
    const regexProblem =
      "Pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition";
    const jsonataProblem = "Condition is not a valid JSONata expression: Unexpected end of expression at position 21";
    // Seen as it is typed, before anything is sent…
    await expect(editor.problems()).toContainText(`content.patterns[0].pattern: ${regexProblem}`);
    await expect(editor.problems()).toContainText(`approvalWhen.condition: ${jsonataProblem}`);
    // …and refused by the server with the same words when saved anyway.
    await editor.saveDraft();
    await expect(editor.alert()).toContainText("The policy document has 2 problems, so it was not saved");
    await expect(editor.alert()).toContainText(regexProblem);
    await expect(editor.alert()).toContainText(jsonataProblem);
    await expect(editor.alert()).toContainText("Nothing was saved; your changes are still here.");
    await expect(editor.json()).toHaveValue(/\(a\+\)\+\$/);
    const after = ((await (await api.get(`/api/policies/${policyId}`)).json()) as { policy: { draft: unknown; currentVersion: unknown } }).policy;
    expect(after.draft).toEqual(savedBefore);
    expect(after.currentVersion).toBeNull();

    // JSON that does not parse says where, and keeps the person in the JSON view.
    await editor.json().fill('{ "approvalWhen": { "condition": ');
    await expect(page.getByText(/^Not valid JSON at line 1, column \d+/)).toBeVisible();
    await expect(page.getByRole("group", { name: "Edit as" }).getByRole("button", { name: "Form" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save draft" })).toBeDisabled();
  } finally {
    await removePolicy(api, policyId);
  }
});

test("a builder raises a workflow's data classification in the builder; lowering it is refused with the reason", async ({ page, context }) => {
  await apiSignIn(context.request, "builder");
  const api = context.request;
  const workflowId = await createWorkflowViaApi(api, {
    teamId: await builderTeamId(api),
    name: `E2E classification ${randomBytes(3).toString("hex")}`,
    graph: { nodes: [graphNode("start", "trigger.manual", 0)], edges: [] },
  });
  const stored = async () =>
    ((await (await api.get(`/api/workflows/${workflowId}/editor`)).json()) as { workflow: { dataClassification: string } }).workflow.dataClassification;
  const builder = new BuilderPage(page);
  await builder.goto(workflowId);
  const classification = builder.dataClassification();
  await expect(classification).toHaveValue("internal");

  await classification.selectOption({ label: "Confidential" });
  await expect.poll(stored).toBe("confidential");
  await expect(classification).toHaveValue("confidential");

  // Lowering it could take the workflow out from under a models rule: only a team admin may.
  await classification.selectOption({ label: "Public" });
  const refusal = page.getByRole("alert").filter({ hasText: "Only an admin" });
  await expect(refusal).toContainText("Only an admin of this team can lower the data classification (from confidential to public).");
  await expect(classification).toHaveValue("confidential");
  expect(await stored()).toBe("confidential");
  await builder.goto(workflowId);
  await expect(builder.dataClassification()).toHaveValue("confidential");
});

test("versions are compared and rolled back after confirming; a builder reads the policy without any way to change it", async ({ page, context, browser }) => {
  await apiSignIn(context.request, "admin");
  const api = context.request;
  const name = `E2E versions ${randomBytes(3).toString("hex")}`;
  const created = await api.post("/api/policies", { data: { name, scope: { kind: "team", targetId: await teamIdByName(api, "Risk Operations") } } });
  expect(created.status(), await created.text()).toBe(201);
  const policyId = ((await created.json()) as { policy: { id: string } }).policy.id;
  const base = `/api/policies/${policyId}`;
  try {
    // Disabled first: the engine ignores it, so its versions govern nothing while this test runs.
    expect((await api.patch(base, { data: { isEnabled: false } })).status()).toBe(200);
    for (const [document, note] of [
      [{ recordPrompts: "hash" }, "Keep only hashes"],
      [{ recordPrompts: "none" }, "Keep nothing"],
    ] as const) {
      expect((await api.put(`${base}/draft`, { data: { document } })).status()).toBe(200);
      expect((await api.post(`${base}/publish`, { data: { note } })).status()).toBe(200);
    }

    const editor = new PolicyEditorPage(page);
    await editor.goto(policyId);
    await editor.tab("Versions").click();
    const versions = page.getByRole("table", { name: "Versions" });
    await expect(versions.getByRole("row")).toHaveCount(3);
    await expect(versions.getByRole("row").nth(1)).toContainText("v2");
    await expect(versions.getByRole("row").nth(1)).toContainText("Current");
    const compare = page.getByRole("region", { name: "Compare versions" });
    await expect(compare.getByLabel("From", { exact: true })).toHaveValue("1");
    await expect(compare.getByLabel("To", { exact: true })).toHaveValue("2");
    const changes = compare.getByLabel("Changes from v1 to v2");
    await expect(changes).toContainText("recordPrompts");
    await expect(changes).toContainText('"hash"');
    await expect(changes).toContainText('"none"');

    await versions.getByRole("button", { name: "Roll back to v1" }).click();
    const confirm = page.getByRole("dialog", { name: "Roll back to v1?" });
    await expect(confirm).toContainText("published again as v3");
    await confirm.getByRole("button", { name: "Roll back to v1" }).click();
    await expect(confirm).toBeHidden();
    await expect(versions.getByRole("row").nth(1)).toContainText("v3");
    await expect(versions.getByRole("row").nth(1)).toContainText("Rolled back to v1");
    await expect(page.getByText("Current version v3")).toBeVisible();
    await editor.tab("Rules").click();
    await expect(editor.field("Record what was sent")).toHaveValue("hash");

    // A builder of the team sees the rules and the versions, and nothing that changes them.
    const builderContext = await browser.newContext();
    try {
      await apiSignIn(builderContext.request, "builder");
      const builderPage = await builderContext.newPage();
      const readOnly = new PolicyEditorPage(builderPage);
      await readOnly.goto(policyId);
      await expect(builderPage.getByText("Read only", { exact: true })).toBeVisible();
      await expect(readOnly.field("Record what was sent")).toBeDisabled();
      await expect(readOnly.ruleSwitch("Content")).toBeDisabled();
      for (const action of ["Save draft", "Publish…", "Disable", "Delete"]) {
        await expect(builderPage.getByRole("button", { name: action })).toHaveCount(0);
      }
      await expect(readOnly.tab("Simulate")).toHaveCount(0);
      await readOnly.tab("Versions").click();
      await expect(builderPage.getByRole("table", { name: "Versions" }).getByRole("button")).toHaveCount(0);
    } finally {
      await builderContext.close();
    }
  } finally {
    await removePolicy(api, policyId);
  }
});
