import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PolicyEditorPage } from "./pages/policy-editor-page";
import { RunDetailPage } from "./pages/run-detail-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { createWorkflowViaApi, graphEdge, graphNode, teamIdByName } from "./support/workflows-api";

// Masking PII at rest end to end: an admin turns on "Mask at rest" in a policy's PII rule (scoped to this spec's own
// workflow, so it masks nothing else); a run of that workflow stores placeholders; on the run page the admin sees them,
// reveals the values (one pii.reveal audit event), and a builder of the same team sees the placeholders and who may
// reveal, with no Reveal button.

const EMAIL = "jane.doe@example.com";
const CARD = "4111 1111 1111 1111";

async function runStatus(request: APIRequestContext, runId: string): Promise<string> {
  const res = await request.get(`/api/runs/${runId}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { run: { status: string } }).run.status;
}

function banner(page: Page) {
  return page.getByRole("region", { name: "Personal data masked at rest" });
}

/** The run's input, opened. */
async function runInput(page: Page) {
  await page.getByText("Run input", { exact: true }).click();
  return page.getByLabel("Run input", { exact: true });
}

test("an admin masks a workflow's PII at rest, sees placeholders on the run page and reveals the values; a builder cannot", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  await apiSignIn(context.request, "admin");
  const api = context.request;
  const suffix = randomBytes(3).toString("hex");
  const workflowId = await createWorkflowViaApi(api, {
    teamId: await teamIdByName(api, "Risk Operations"),
    name: `E2E masked ${suffix}`,
    description: "Created by e2e/pii-mask.spec.ts",
    graph: {
      nodes: [graphNode("start", "trigger.manual", 0), graphNode("result", "control.output", 200, { value: "trigger.body" })],
      edges: [graphEdge("start", "result", "e0")],
    },
  });
  const published = await api.post(`/api/workflows/${workflowId}/publish`, { data: { note: "e2e masking" } });
  expect(published.status(), await published.text()).toBe(201);
  const name = `Mask at rest ${suffix}`;
  const created = await api.post("/api/policies", { data: { name, scope: { kind: "workflow", targetId: workflowId } } });
  expect(created.status(), await created.text()).toBe(201);
  const policyId = ((await created.json()) as { policy: { id: string } }).policy.id;
  try {
    // In the editor: the PII rule (redacts email, card… by default) with Mask at rest, revealed by admins only.
    const editor = new PolicyEditorPage(page);
    await editor.goto(policyId);
    await editor.ruleSwitch("Personal data (PII)").check();
    await page.getByRole("checkbox", { name: /^Mask at rest/ }).check();
    const who = page.getByRole("group", { name: "Who may reveal the values" });
    await expect(who.getByRole("checkbox", { name: "Admins" })).toBeChecked();
    await expect(who.getByRole("checkbox", { name: "Builders" })).not.toBeChecked();
    await editor.saveDraft();
    await expect(editor.status()).toHaveText("Draft saved.");
    await editor.publish("Mask customer data at rest");

    const started = await api.post(`/api/workflows/${workflowId}/runs`, { data: { input: { email: EMAIL, card: CARD, note: "refund" } } });
    expect(started.status(), await started.text()).toBe(202);
    const runId = ((await started.json()) as { runId: string }).runId;
    await expect.poll(() => runStatus(api, runId), { timeout: 30_000 }).toBe("SUCCEEDED");

    // The admin sees placeholders, then reveals the values.
    const detail = new RunDetailPage(page);
    await detail.goto(runId);
    await expect(banner(page)).toContainText(`By policy ${name} v1`);
    await expect(banner(page)).toContainText("Who may reveal the values: admins of Risk Operations");
    const input = await runInput(page);
    await expect(input).toContainText('"email": "[EMAIL_1]"');
    await expect(input).toContainText('"card": "[CARD_1]"');
    await expect(input).not.toContainText(EMAIL);
    await banner(page).getByRole("button", { name: "Reveal PII" }).click();
    await expect(banner(page).getByRole("status")).toContainText("Showing the revealed values");
    await expect(input).toContainText(`"email": "${EMAIL}"`);
    await expect(input).toContainText(`"card": "${CARD}"`);
    const reveals = await queryDb<{ actorLabel: string }>(`SELECT "actorLabel" FROM "AuditEvent" WHERE action = 'pii.reveal' AND "resourceId" = $1`, [runId]);
    expect(reveals).toEqual([{ actorLabel: "admin@baton.local" }]);
    await banner(page).getByRole("button", { name: "Hide values" }).click();
    await expect(input).toContainText('"email": "[EMAIL_1]"');

    // A builder of the same team sees the placeholders and who may reveal, and has no Reveal button.
    const builderContext = await browser.newContext();
    try {
      await apiSignIn(builderContext.request, "builder");
      const builderPage = await builderContext.newPage();
      await new RunDetailPage(builderPage).goto(runId);
      await expect(banner(builderPage)).toContainText("Who may reveal the values: admins of Risk Operations");
      await expect(builderPage.getByRole("button", { name: "Reveal PII" })).toHaveCount(0);
      const builderInput = await runInput(builderPage);
      await expect(builderInput).toContainText('"email": "[EMAIL_1]"');
      await expect(builderInput).not.toContainText(EMAIL);
      const refused = await builderContext.request.post(`/api/runs/${runId}/reveal`, { data: {} });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        `Policy ${name} v1 masks this run's personal data at rest: only admins of its team may reveal it.`,
      );
    } finally {
      await builderContext.close();
    }
    expect(await queryDb(`SELECT 1 FROM "AuditEvent" WHERE action = 'pii.reveal' AND "resourceId" = $1`, [runId])).toHaveLength(1);
  } finally {
    expect((await api.patch(`/api/policies/${policyId}`, { data: { isEnabled: false } })).status()).toBe(200);
    expect((await api.delete(`/api/policies/${policyId}`)).status()).toBe(200);
  }
});
