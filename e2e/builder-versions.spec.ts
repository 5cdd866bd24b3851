import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BuilderPage } from "./pages/builder-page";
import { apiSignIn } from "./support/api-sign-in";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode } from "./support/workflows-api";

// The builder's safety nets: a save from a stale tab is refused and resolved by the person, a published version can
// be restored into the draft, and a viewer cannot change anything. Each test sets up its own uniquely named workflow
// through the API.

// Two pages and several saves each: on a loaded machine these take longer than the default 30 s.
test.describe.configure({ timeout: 60_000 });

type TGraph = {
  nodes: { id: string; type: string; label?: string; config: Record<string, unknown>; position: { x: number; y: number } }[];
  edges: { id: string; source: string; sourceHandle: string; target: string; targetHandle: string }[];
};
type TEditor = { workflow: { draftRevision: number; publishedVersion: number | null }; graph: TGraph; canEdit: boolean };

const node = (id: string, type: string, x: number, label: string, config: Record<string, unknown> = {}) =>
  graphNode(id, type, x, config, label);
const edge = (source: string, target: string) => graphEdge(source, target);

/** Manual trigger → output: valid, publishable. */
const TWO_NODES = {
  nodes: [node("start", "trigger.manual", 0, "Start"), node("answer", "control.output", 320, "Answer", { value: "trigger.body" })],
  edges: [edge("start", "answer")],
};

/** The same with a Transform in between and a changed result. */
const THREE_NODES = {
  nodes: [
    node("start", "trigger.manual", 0, "Start"),
    node("shape", "tool.transform", 320, "Shout", { expression: "$uppercase(trigger.body.text)" }),
    node("answer", "control.output", 640, "Answer", { value: "nodes.shape.output" }),
  ],
  edges: [edge("start", "shape"), edge("shape", "answer")],
};

async function createWorkflow(request: APIRequestContext, label: string, graph: unknown): Promise<string> {
  const name = `E2E builder ${label} ${randomBytes(4).toString("hex")}`;
  return createWorkflowViaApi(request, { teamId: await builderTeamId(request), name, graph });
}

async function readEditor(request: APIRequestContext, workflowId: string): Promise<TEditor> {
  const res = await request.get(`/api/workflows/${workflowId}/editor`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as TEditor;
}

const labelOf = (editor: TEditor, nodeId: string) => editor.graph.nodes.find((n) => n.id === nodeId)?.label;

/** A graph as the engine sees it: positions left out, nodes and edges in a stable order. */
function withoutPositions(graph: TGraph) {
  return {
    nodes: graph.nodes.map(({ position: _position, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...graph.edges].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

test.describe("the builder's versions and access, as a builder", () => {
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "builder"));

  test("a save from a stale tab is refused, compared, and resolved by reloading the newer version", async ({ page, context }) => {
    const workflowId = await createWorkflow(context.request, "stale tab", TWO_NODES);
    const tabA = new BuilderPage(page);
    const tabB = new BuilderPage(await context.newPage());
    await tabA.goto(workflowId);
    await tabB.goto(workflowId);
    const opened = (await readEditor(context.request, workflowId)).workflow.draftRevision;

    // Tab A renames the output node and saves.
    await tabA.openNode("answer");
    await tabA.nodeLabelField().fill("Answer from A");
    await tabA.expectAllSaved();
    expect((await readEditor(context.request, workflowId)).workflow.draftRevision).toBe(opened + 1);

    // Tab B, still on the old revision, renames the trigger: refused, nothing overwritten.
    await tabB.openNode("start");
    await tabB.nodeLabelField().fill("Start from B");
    await expect(tabB.conflictBanner()).toBeVisible();
    await expect(tabB.conflictBanner()).toContainText("Someone saved this workflow after you opened it.");
    await expect(tabB.saveState()).toHaveText("Not saved: newer version on the server");
    const afterConflict = await readEditor(context.request, workflowId);
    expect(afterConflict.workflow.draftRevision).toBe(opened + 1);
    expect(labelOf(afterConflict, "answer")).toBe("Answer from A");
    expect(labelOf(afterConflict, "start")).toBe("Start");

    // Compare lists both differences, from tab B's point of view.
    await tabB.conflictBanner().getByRole("button", { name: "Compare" }).click();
    await expect(tabB.conflictBanner()).toContainText("From their saved version to yours: 2 nodes changed");
    const changed = tabB.conflictBanner().getByRole("region", { name: "Nodes changed" });
    await expect(changed.locator(":scope > ul > li")).toHaveCount(2);
    await expect(changed).toContainText("Start from B");
    await expect(changed).toContainText("Answer from A");
    await expect(tabB.conflictBanner().getByRole("button", { name: "Replace theirs with mine" })).toBeVisible();

    // Reloading their version shows A's change in B, and autosave works again from there.
    await tabB.conflictBanner().getByRole("button", { name: "Reload their version" }).click();
    await expect(tabB.conflictBanner()).toBeHidden();
    await expect(tabB.node("answer")).toContainText("Answer from A");
    await expect(tabB.node("start")).not.toContainText("Start from B");
    await tabB.expectAllSaved();

    await tabB.openNode("answer");
    await expect(tabB.nodeLabelField()).toHaveValue("Answer from A");
    await tabB.nodeLabelField().fill("Answer from B, after the reload");
    await tabB.expectAllSaved();
    await expect(tabB.conflictBanner()).toBeHidden();
    const saved = await readEditor(context.request, workflowId);
    expect(saved.workflow.draftRevision).toBe(opened + 2);
    expect(labelOf(saved, "answer")).toBe("Answer from B, after the reload");
    expect(labelOf(saved, "start")).toBe("Start");
  });

  test("a save the server refuses (the workflow was archived meanwhile) is said, and not sent again until the next change", async ({ page, context }) => {
    const workflowId = await createWorkflow(context.request, "archived meanwhile", TWO_NODES);
    const builder = new BuilderPage(page);
    await builder.goto(workflowId);
    const archived = await context.request.post(`/api/workflows/${workflowId}/status`, { data: { action: "archive" } });
    expect(archived.ok()).toBe(true);

    const puts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PUT" && r.url().endsWith(`/api/workflows/${workflowId}/draft`)) puts.push(r.url());
    });
    await builder.openNode("answer");
    await builder.nodeLabelField().fill("Answer after archiving");
    await expect(builder.saveState()).toContainText("archived");
    // Well past several autosave delays (800 ms): the refused draft was sent once.
    await page.waitForTimeout(3_000);
    expect(puts).toHaveLength(1);
    await expect(builder.conflictBanner()).toBeHidden();

    // A new change is tried again (and refused again): one more request, not a loop.
    await builder.nodeLabelField().fill("Answer after archiving, again");
    await expect.poll(() => puts.length).toBe(2);
    await page.waitForTimeout(2_000);
    expect(puts).toHaveLength(2);
  });

  test("a published version is compared with the draft and restored into it after confirming", async ({ page, context }) => {
    const { request } = context;
    const workflowId = await createWorkflow(request, "restore", TWO_NODES);
    const created = await readEditor(request, workflowId);
    const published = await request.post(`/api/workflows/${workflowId}/publish`, {
      data: { note: "Echo the input", revision: created.workflow.draftRevision },
    });
    expect(published.status(), await published.text()).toBe(201);
    const changed = await request.put(`/api/workflows/${workflowId}/draft`, {
      data: { graph: THREE_NODES, revision: created.workflow.draftRevision },
    });
    expect(changed.status(), await changed.text()).toBe(200);

    const builder = new BuilderPage(page);
    await builder.goto(workflowId);
    await expect(builder.node("shape")).toBeVisible();
    await expect(builder.publishedVersion()).toHaveText("v1 live");

    await builder.toolbarButton("Versions").click();
    // The side panel and the history panel inside it both carry the name: the outer one holds everything.
    const history = page.getByRole("complementary", { name: "Version history" }).first();
    await expect(history).toContainText("1 published version");
    await history.getByRole("button", { name: /Compare and restore version 1/ }).click();
    await expect(history.getByRole("heading", { name: "Version 1" })).toBeVisible();
    await expect(history).toContainText("Echo the input");

    // The difference from v1 to the draft: the Transform was added, the output's result changed.
    await expect(history).toContainText("From version 1 to the current draft");
    await expect(history.getByRole("region", { name: "Nodes added" })).toContainText("Shout");
    const changedNodes = history.getByRole("region", { name: "Nodes changed" });
    await expect(changedNodes).toContainText("Answer");
    await expect(changedNodes).toContainText("config.value");
    await expect(changedNodes).toContainText("nodes.shape.output");

    // Restoring asks first; keeping the draft changes nothing.
    await history.getByRole("button", { name: "Restore this version into the draft" }).click();
    const confirm = history.getByRole("group", { name: "Confirm restoring version 1" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Keep the draft" }).click();
    await expect(confirm).toBeHidden();
    await expect(builder.node("shape")).toBeVisible();

    await history.getByRole("button", { name: "Restore this version into the draft" }).click();
    await confirm.getByRole("button", { name: "Yes, restore version 1" }).click();
    await expect(history).toContainText("Version 1 is now the draft");

    // The canvas and the saved draft are version 1 again.
    await expect(builder.node("shape")).toHaveCount(0);
    await expect(builder.nodes()).toHaveCount(2);
    await expect(builder.node("answer")).toContainText("Return trigger.body");
    await expect(builder.problemsSummary()).toHaveText("Ready to publish");
    const v1 = await request.get(`/api/workflows/${workflowId}/versions/1`);
    expect(v1.status()).toBe(200);
    const v1Graph = ((await v1.json()) as { version: { graph: TGraph } }).version.graph;
    await expect
      .poll(async () => withoutPositions((await readEditor(request, workflowId)).graph))
      .toEqual(withoutPositions(v1Graph));
    await expect(builder.saveState()).toHaveText("All changes saved");
  });
  test("a failed test run is fixed on the canvas and re-run from the failed node, reusing what came before", async ({
    page,
    context,
  }) => {
    const { request } = context;
    // The Transform calls a function that does not exist: the draft is valid, its test run fails at that node.
    const broken = {
      ...THREE_NODES,
      nodes: THREE_NODES.nodes.map((n) => (n.id === "shape" ? { ...n, config: { expression: "$shout(trigger.body.text)" } } : n)),
    };
    const workflowId = await createWorkflow(request, "rerun", broken);
    const builder = new BuilderPage(page);
    await builder.goto(workflowId);

    await builder.toolbarButton("Test run").click();
    const testRun = builder.dialog("Test run");
    await testRun.getByLabel(/Sample input/).fill('{ "text": "hello" }');
    await testRun.getByRole("button", { name: "Start test run" }).click();
    await expect(page.getByTestId("test-run-status")).toHaveText("Failed", { timeout: 30_000 });
    await expect(builder.node("start")).toHaveAttribute("data-status", "succeeded");
    await expect(builder.node("shape")).toHaveAttribute("data-status", "failed");
    const failedRunId = await page.getByRole("link", { name: "Open run details" }).getAttribute("href");

    // The failed node's step says why; the fix is made in its configuration.
    await builder.openNode("shape");
    await expect(builder.nodePanel()).toContainText("$shout");
    await builder.nodePanel().getByRole("tab", { name: "Configure" }).click();
    await builder.field("Expression (JSONata)").fill("$uppercase(trigger.body.text)");
    await builder.nodePanel().getByRole("tab", { name: "Test run" }).click();
    await builder.nodePanel().getByRole("button", { name: "Re-run from this node" }).click();

    await expect(page.getByTestId("test-run-status")).toHaveText("Succeeded", { timeout: 30_000 });
    for (const id of ["start", "shape", "answer"]) await expect(builder.node(id)).toHaveAttribute("data-status", "succeeded");
    const detailsHref = await page.getByRole("link", { name: "Open run details" }).getAttribute("href");
    expect(detailsHref).not.toBe(failedRunId);
    const rerun = await request.get(`/api/runs/${detailsHref!.split("/").pop()}`);
    const { run } = (await rerun.json()) as {
      run: { output: unknown; steps: { nodeId: string; reusedFromRunId: string | null }[] };
    };
    expect(run.output).toBe("HELLO");
    // The trigger's step was reused from the failed run; the fixed node and the one after it ran again.
    expect(Object.fromEntries(run.steps.map((s) => [s.nodeId, s.reusedFromRunId !== null]))).toEqual({
      start: true,
      shape: false,
      answer: false,
    });
    await builder.expectAllSaved();

    // Run detail says which steps were reused, and from which run.
    await page.getByRole("link", { name: "Open run details" }).click();
    await expect(page.getByTestId("reused-start")).toContainText("Reused from the earlier run");
    await expect(page.getByTestId("reused-start").getByRole("link")).toHaveAttribute("href", failedRunId!);
    await expect(page.getByTestId("reused-shape")).toHaveCount(0);
  });
});

test("a viewer sees a workflow read-only: nothing can be added, changed, deleted, published or run", async ({
  page,
  context,
  request,
  browser,
}) => {
  await apiSignIn(request, "builder");
  const workflowId = await createWorkflow(request, "viewer", TWO_NODES);
  await apiSignIn(context.request, "viewer");
  const before = await readEditor(context.request, workflowId);
  expect(before.canEdit).toBe(false);

  const viewer = new BuilderPage(page);
  await viewer.goto(workflowId);
  await expect(viewer.readOnlyBanner()).toHaveText("You can view this workflow but not change it.");
  await expect(viewer.saveState()).toHaveText("Read only");
  await expect(viewer.nodes()).toHaveCount(2);

  // No palette, no publishing, no test runs; the history stays readable.
  for (const type of ["trigger.manual", "ai.llm", "tool.http", "control.output"]) {
    await expect(viewer.paletteItem(type)).toBeDisabled();
    await expect(viewer.paletteItem(type)).toHaveAttribute("draggable", "false");
  }
  await expect(viewer.toolbarButton("Publish")).toHaveCount(0);
  await expect(viewer.toolbarButton("Test run")).toHaveCount(0);
  await expect(viewer.toolbarButton("Versions")).toBeVisible();
  await expect(viewer.toolbar().getByRole("button", { name: "Undo (Ctrl+Z)" })).toBeDisabled();
  await expect(viewer.toolbar().getByRole("button", { name: "Tidy up layout (Shift+L)" })).toBeDisabled();

  // The configuration can be read, not changed.
  await viewer.openNode("answer");
  await expect(viewer.configPanel()).toContainText("Read only: you can look but not change.");
  await expect(viewer.nodeLabelField()).toHaveValue("Answer");
  await expect(viewer.nodeLabelField()).not.toBeEditable();
  await expect(viewer.field("Result (JSONata)")).toHaveValue("trigger.body");
  await expect(viewer.field("Result (JSONata)")).not.toBeEditable();

  // The selected node survives Delete and Backspace.
  await viewer.closeNodePanel();
  await viewer.node("answer").click({ position: { x: 120, y: 16 } });
  await viewer.page.keyboard.press("Delete");
  await viewer.page.keyboard.press("Backspace");
  await expect(viewer.node("answer")).toBeVisible();
  await expect(viewer.nodes()).toHaveCount(2);
  await expect(viewer.edges()).toHaveCount(1);

  // The API refuses a viewer's save, and the draft is as it was.
  const refused = await context.request.put(`/api/workflows/${workflowId}/draft`, {
    data: { graph: THREE_NODES, revision: before.workflow.draftRevision },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");
  const after = await readEditor(request, workflowId);
  expect(after.workflow.draftRevision).toBe(before.workflow.draftRevision);
  expect(withoutPositions(after.graph)).toEqual(withoutPositions(before.graph));

  // The same gesture deletes the node for a builder: the viewer's canvas really ignored it.
  const builderContext = await browser.newContext();
  try {
    await apiSignIn(builderContext.request, "builder");
    const builder = new BuilderPage(await builderContext.newPage());
    await builder.goto(workflowId);
    await builder.node("answer").click({ position: { x: 120, y: 16 } });
    await builder.closeNodePanel();
    await builder.page.keyboard.press("Delete");
    await expect(builder.node("answer")).toHaveCount(0);
    await builder.expectAllSaved();
    expect((await readEditor(request, workflowId)).graph.nodes.map((n) => n.id)).toEqual(["start"]);
  } finally {
    await builderContext.close();
  }
});
