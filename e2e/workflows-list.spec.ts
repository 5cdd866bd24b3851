import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { WorkflowsListPage } from "./pages/workflows-list-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { createWorkflowViaApi, teamIdByName } from "./support/workflows-api";

// The workflows list as a builder uses it. Workflows this spec changes are its own (uniquely named), so the seeded
// demo workflows other specs run stay as they are.

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const RISK_OPS = "Risk Operations";

const VALID_GRAPH = {
  nodes: [
    { id: "start", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {}, label: "Start" },
    {
      id: "answer",
      type: "control.output",
      typeVersion: 1,
      position: { x: 280, y: 0 },
      config: { value: "trigger.body.x * 2" },
      label: "Answer",
    },
  ],
  edges: [{ id: "e1", source: "start", sourceHandle: "out", target: "answer", targetHandle: "in" }],
};

/** Two triggers, an expression that does not parse, an output port that does not exist, a reference to no node. */
const BROKEN_GRAPH = {
  nodes: [
    { id: "start", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {}, label: "Start" },
    { id: "hook", type: "trigger.webhook", typeVersion: 1, position: { x: 0, y: 150 }, config: {}, label: "Second trigger" },
    {
      id: "check",
      type: "control.condition",
      typeVersion: 1,
      position: { x: 280, y: 0 },
      config: { condition: "trigger.body.amount >" },
      label: "Big amount?",
    },
    {
      id: "shape",
      type: "tool.transform",
      typeVersion: 1,
      position: { x: 560, y: 0 },
      config: { expression: "nodes.ghost.output" },
      label: "Shape the answer",
    },
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: "out", target: "check", targetHandle: "in" },
    { id: "e2", source: "check", sourceHandle: "maybe", target: "shape", targetHandle: "in" },
  ],
};

const document = (name: string, graph: unknown) => ({
  format: "baton.workflow",
  formatVersion: 1,
  exportedAt: new Date().toISOString(),
  workflow: { name, description: "Written by the e2e suite", tags: ["e2e"], graph },
  references: [],
});

async function createViaApi(request: APIRequestContext, name: string): Promise<string> {
  return createWorkflowViaApi(request, { teamId: await teamIdByName(request, RISK_OPS), name, graph: VALID_GRAPH });
}

test.describe("the workflows list, as a builder", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "builder"));

  test("filters by status and by owner", async ({ page, browser }) => {
    const mine = `E2E mine ${RUN}`;
    const theirs = `E2E by admin ${RUN}`;
    await createViaApi(page.request, mine);
    const admin = await browser.newContext();
    await apiSignIn(admin.request, "admin");
    await createViaApi(admin.request, theirs);
    await admin.close();

    const list = new WorkflowsListPage(page);
    await list.goto();
    await expect(list.row("Fraud triage with compliance review")).toBeVisible();

    await list.filter({ status: "Draft", search: RUN });
    await expect(list.row(mine)).toBeVisible();
    await expect(list.row(theirs)).toBeVisible();
    await expect(list.rows()).toHaveCount(2);
    await expect(list.row(theirs).getByRole("cell", { name: "Ada Admin" })).toBeVisible();
    await expect(list.row(mine).getByRole("cell", { name: "You" })).toBeVisible();

    await list.filter({ owner: "Mine" });
    await expect(list.row(mine)).toBeVisible();
    await expect(list.rows()).toHaveCount(1);

    await list.filter({ owner: "Ada Admin" });
    await expect(list.row(theirs)).toBeVisible();
    await expect(list.rows()).toHaveCount(1);

    await list.filter({ status: "Published" });
    await expect(list.emptyState()).toBeVisible();
  });

  test("creates a workflow from a template and opens it", async ({ page }) => {
    const list = new WorkflowsListPage(page);
    await list.goto();
    // Escape closes the dialog, and it opens again fresh.
    let dialog = await list.openNewWorkflow();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    dialog = await list.openNewWorkflow();
    await expect(dialog.getByLabel("Name")).toBeFocused();

    await dialog.getByRole("radio", { name: "IT incident response" }).check();
    await expect(dialog.getByLabel("Name")).toHaveValue("IT incident response");
    const name = `E2E incidents ${RUN}`;
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Team").selectOption({ label: RISK_OPS });
    await dialog.getByRole("button", { name: "Create workflow" }).click();
    const id = await list.expectOpenedWorkflow();

    const [row] = await queryDb<{ name: string; status: string; templateKey: string; nodes: number }>(
      `SELECT name, status::text, "templateKey", jsonb_array_length("draftGraph"->'nodes') AS nodes FROM "Workflow" WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ name, status: "draft", templateKey: "incident-response", nodes: 10 });
  });

  test("duplicates a workflow from its row", async ({ page }) => {
    const name = `E2E original ${RUN}`;
    const sourceId = await createViaApi(page.request, name);
    const list = new WorkflowsListPage(page);
    await list.goto(`?q=${encodeURIComponent(RUN)}`);
    await list.rowAction(name, "Duplicate…");
    const dialog = list.dialog(`Duplicate “${name}”`);
    await expect(dialog.getByLabel("Name of the copy")).toHaveValue(`Copy of ${name}`);
    await dialog.getByRole("button", { name: "Duplicate" }).click();
    const copyId = await list.expectOpenedWorkflow(sourceId);

    await list.goto(`?q=${encodeURIComponent(RUN)}`);
    await expect(list.row(`Copy of ${name}`)).toBeVisible();
    const graphs = await queryDb<{ id: string; graph: unknown }>(
      `SELECT id, "draftGraph" AS graph FROM "Workflow" WHERE id = ANY($1)`,
      [[sourceId, copyId]],
    );
    expect(graphs).toHaveLength(2);
    expect(graphs[0]?.graph).toEqual(graphs[1]?.graph);

    // A workflow's name opens it in the editor.
    await list.row(name).getByRole("link", { name, exact: true }).click();
    expect(await list.expectOpenedWorkflow()).toBe(sourceId);
    await expect(page.getByTestId("workflow-editor")).toBeVisible();
  });

  test("archives a workflow after confirming, finds it under Archived and restores it", async ({ page }) => {
    const name = `E2E archive me ${RUN}`;
    await createViaApi(page.request, name);
    const list = new WorkflowsListPage(page);
    await list.goto(`?q=${encodeURIComponent(RUN)}`);

    await list.rowAction(name, "Archive…");
    const confirm = list.dialog(`Archive “${name}”?`);
    await confirm.getByRole("button", { name: "Archive workflow" }).click();
    await expect(confirm).toBeHidden();
    await expect(list.row(name)).toHaveCount(0);

    await list.filter({ status: "Archived" });
    await expect(list.row(name).getByText("Archived", { exact: true })).toBeVisible();
    await list.rowAction(name, "Restore");
    await expect(list.row(name)).toHaveCount(0);

    await list.filter({ status: "Any but archived" });
    await expect(list.row(name).getByText("Draft", { exact: true })).toBeVisible();
  });

  test("exports a workflow as a JSON file with its graph and no secrets", async ({ page }) => {
    const list = new WorkflowsListPage(page);
    await list.goto();
    const downloading = page.waitForEvent("download");
    await list.rowAction("Fraud triage with compliance review", "Export JSON");
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("fraud-triage-with-compliance-review.baton-workflow.json");
    const text = await readFile(await download.path(), "utf8");
    const exported = JSON.parse(text) as {
      format: string;
      formatVersion: number;
      workflow: { name: string; graph: { nodes: { id: string; config: Record<string, unknown> }[]; edges: unknown[] } };
    };
    expect(exported).toMatchObject({ format: "baton.workflow", formatVersion: 1 });
    expect(exported.workflow.name).toBe("Fraud triage with compliance review");
    expect(exported.workflow.graph.nodes.length).toBeGreaterThan(5);
    expect(exported.workflow.graph.edges.length).toBeGreaterThan(5);
    expect(exported.workflow.graph.nodes.find((n) => n.id === "open_case")?.config.credentialId).toBeNull();
    expect(text).not.toContain("whsec_");
  });

  test("refuses a file with a broken graph, listing every problem by step", async ({ page }, testInfo) => {
    const name = `E2E broken ${RUN}`;
    const file = testInfo.outputPath("broken.baton-workflow.json");
    await writeFile(file, JSON.stringify(document(name, BROKEN_GRAPH), null, 2));
    const list = new WorkflowsListPage(page);
    await list.goto();
    const dialog = await list.openImport();
    await dialog.getByLabel("Workflow file").setInputFiles(file);
    await dialog.getByRole("button", { name: "Import workflow" }).click();

    const problems = dialog.getByRole("alert", { name: "Import problems" });
    await expect(problems).toContainText("Nothing was imported: the workflow in this file has 5 problems.");
    for (const step of ["Big amount?", "Start", "Second trigger", "Shape the answer"]) {
      await expect(problems.getByRole("heading", { name: step })).toBeVisible();
    }
    await expect(problems).toContainText("There must be exactly one trigger");
    await expect(problems).toContainText('has no output "maybe"');
    await expect(problems).toContainText("refers to nodes.ghost");
    await expect(problems).toContainText("does not parse");
    await expect(page).toHaveURL(/\/workflows$/);
    expect(await queryDb(`SELECT id FROM "Workflow" WHERE name = $1`, [name])).toEqual([]);
  });

  test("imports a valid file, pasted or picked, and opens the new workflow", async ({ page }, testInfo) => {
    const name = `E2E imported ${RUN}`;
    const file = testInfo.outputPath("valid.baton-workflow.json");
    await writeFile(file, JSON.stringify(document(name, VALID_GRAPH)));
    const list = new WorkflowsListPage(page);
    await list.goto();

    // Not JSON at all: said so, before anything is sent.
    let dialog = await list.openImport();
    await dialog.getByLabel("Or paste the JSON").fill("{ not json");
    await dialog.getByRole("button", { name: "Import workflow" }).click();
    await expect(dialog.getByText(/^Not valid JSON at line 1, column \d+: /)).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    dialog = await list.openImport();
    await dialog.getByLabel("Team").selectOption({ label: RISK_OPS });
    await dialog.getByLabel("Workflow file").setInputFiles(file);
    await expect(dialog.getByLabel("Or paste the JSON")).toHaveValue(/"baton.workflow"/);
    await dialog.getByRole("button", { name: "Import workflow" }).click();
    const id = await list.expectOpenedWorkflow();
    const [row] = await queryDb<{ name: string; status: string; tags: string[] }>(
      `SELECT name, status::text, tags FROM "Workflow" WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ name, status: "draft", tags: ["e2e"] });
  });
});
