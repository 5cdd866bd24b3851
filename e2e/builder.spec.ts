import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { BuilderPage } from "./pages/builder-page";
import { WorkflowsListPage } from "./pages/workflows-list-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";

// The builder's acceptance journey, entirely through the UI with the mouse: a builder creates a workflow, drags five
// nodes from the palette, connects and configures them, sees a problem appear and clear, publishes, test-runs it and
// reads a step's output. The HTTP node calls a stub server of this spec on 127.0.0.1, so the run has a real side
// effect that is counted.

type TStubCall = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

/** A tiny HTTP API on a free loopback port that records every call and answers with JSON. */
async function startStub() {
  const calls: TStubCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      calls.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ticket: "T-1042", isAccepted: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tickets`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The stub is a private address, which the HTTP node refuses unless an admin allowed private networks. This is
 * setup, not part of the journey, so it is written straight into the e2e database (the worker reads the setting on
 * every call; nothing caches it). It is left on: putting it back afterwards would race the Settings specs, which
 * compare the setting before and after their own changes.
 */
async function allowPrivateNetworks() {
  await queryDb(
    `INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
    ["network.outbound", JSON.stringify({ allowPrivateNetworks: true, allowedHosts: [] })],
  );
}

const SAMPLE = { text: "Order 1042 arrived broken; the customer asks for a refund." };

// Where each node is dropped on the empty canvas (zoom 1; a node lands 40 px left of and 20 px above the pointer):
// two columns that stay in view when the side panel opens, below the problems summary in the top-left corner, and
// with every handle well away from the canvas' edges (dragging a connection near an edge pans the canvas).
const DROPS = [
  { type: "trigger.manual", id: "manual", at: { x: 140, y: 100 } },
  { type: "ai.llm", id: "llm", at: { x: 440, y: 100 } },
  { type: "control.condition", id: "condition", at: { x: 140, y: 260 } },
  { type: "tool.http", id: "http", at: { x: 440, y: 260 } },
  { type: "control.output", id: "output", at: { x: 140, y: 440 } },
] as const;

test("a builder creates, configures, publishes and test-runs a five-node workflow with the mouse", async ({ page, context }) => {
  test.setTimeout(90_000);
  const stub = await startStub();
  try {
    await allowPrivateNetworks();
    await apiSignIn(context.request, "builder");

    // Create the workflow from the list.
    const list = new WorkflowsListPage(page);
    await list.goto();
    const dialog = await list.openNewWorkflow();
    const name = `E2E builder journey ${Date.now().toString(36)}${test.info().workerIndex}`;
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Team").selectOption({ label: "Risk Operations" });
    await dialog.getByRole("button", { name: "Create workflow" }).click();
    const workflowId = await list.expectOpenedWorkflow();

    const builder = new BuilderPage(page);
    await expect(builder.editor()).toBeVisible();
    await expect(builder.publishedVersion()).toHaveText("never published");
    await expect(builder.nodes()).toHaveCount(0);

    // Five nodes from the palette.
    for (const drop of DROPS) await builder.dragFromPalette(drop.type, drop.at, drop.id);
    await expect(builder.nodes()).toHaveCount(5);

    // Connect them: trigger → LLM → condition (True) → HTTP → output.
    await builder.connect({ nodeId: "manual", port: "out" }, { nodeId: "llm", port: "in" });
    await builder.connect({ nodeId: "llm", port: "out" }, { nodeId: "condition", port: "in" });
    await builder.connect({ nodeId: "condition", port: "true" }, { nodeId: "http", port: "in" });
    await builder.connect({ nodeId: "http", port: "out" }, { nodeId: "output", port: "in" });
    await expect(builder.edges()).toHaveCount(4);

    // The trigger: a name on the canvas.
    await builder.openNode("manual");
    await builder.nodeLabelField().fill("Customer message");
    await expect(builder.node("manual")).toContainText("Customer message");
    await builder.closeNodePanel();

    // The LLM: a prompt written with the {{ autocomplete.
    await builder.openNode("llm");
    await builder.nodeLabelField().fill("Summarise");
    const prompt = builder.field("Prompt");
    await prompt.fill("");
    await prompt.click();
    await prompt.pressSequentially("Summarise in one sentence: {{");
    await expect(builder.variableSuggestions()).toBeVisible();
    await builder.variableSuggestions().getByRole("option", { name: /^trigger\.body\b/ }).click();
    await expect(prompt).toHaveValue("Summarise in one sentence: {{ trigger.body }}");
    // Into the braces, to read one field of the input.
    for (let i = 0; i < 3; i++) await prompt.press("ArrowLeft");
    await prompt.pressSequentially(".text");
    await expect(prompt).toHaveValue("Summarise in one sentence: {{ trigger.body.text }}");
    await builder.closeNodePanel();

    // The condition: on the LLM's answer.
    await builder.openNode("condition");
    await builder.field("Condition (JSONata)").fill("$length(nodes.llm.output.text) > 0");
    await builder.closeNodePanel();

    // The HTTP request: POST to the stub. An empty URL is a problem on the node and under the field until it is set.
    await builder.openNode("http");
    await builder.field("Method").selectOption("POST");
    const url = builder.field("URL");
    await url.fill("");
    await expect(builder.node("http")).not.toHaveAttribute("data-problems", "0");
    await expect(builder.fieldBlock("url")).toContainText("Enter the URL to call");
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(builder.problemsSummary()).toContainText("to fix before publishing");
    await url.fill(stub.url);
    await expect(builder.node("http")).toHaveAttribute("data-problems", "0");
    await expect(builder.fieldBlock("url")).not.toContainText("Enter the URL to call");
    await expect(url).not.toHaveAttribute("aria-invalid", "true");
    await builder.field("Body").selectOption({ label: "JSON (template)" });
    await builder.field("Body template").fill('{"summary": "{{ nodes.llm.output.text }}", "source": "baton-e2e"}');
    await builder.closeNodePanel();

    // The output: what the run returns.
    await builder.openNode("output");
    await builder.field("Result (JSONata)").fill("nodes.http.output.body");
    await builder.closeNodePanel();

    await expect(builder.problemsSummary()).toHaveText("Ready to publish");
    for (const { id } of DROPS) await expect(builder.node(id)).toHaveAttribute("data-problems", "0");
    await builder.expectAllSaved();

    // Publish with a note.
    await builder.toolbarButton("Publish").click();
    const publish = builder.dialog("Publish a new version");
    await expect(publish).toBeVisible();
    await publish.getByLabel(/What changed\?/).fill("First version: summarise, then open a ticket");
    await publish.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(publish).toBeHidden();
    await expect(builder.publishedVersion()).toHaveText("v1 live");
    const versions = await context.request.get(`/api/workflows/${workflowId}/versions`);
    expect((await versions.json()).versions).toMatchObject([
      { number: 1, note: "First version: summarise, then open a ticket", nodeCount: 5, isPublished: true },
    ]);

    // Test run with a sample input; every node turns green.
    await builder.toolbarButton("Test run").click();
    const testRun = builder.dialog("Test run");
    await expect(testRun).toBeVisible();
    await testRun.getByLabel(/Sample input/).fill(JSON.stringify(SAMPLE, null, 2));
    await testRun.getByRole("button", { name: "Start test run" }).click();
    await expect(testRun).toBeHidden();
    for (const { id } of DROPS) {
      await expect(builder.node(id)).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    }
    await expect(page.getByTestId("test-run-status")).toHaveText("Succeeded");

    // The HTTP node called the stub exactly once, with the LLM's answer in the body.
    expect(stub.calls).toHaveLength(1);
    const [call] = stub.calls;
    expect(call).toMatchObject({ method: "POST", path: "/tickets" });
    expect(call!.headers["idempotency-key"]).toEqual(expect.any(String));
    const sent = JSON.parse(call!.body) as { summary: string; source: string };
    expect(sent.source).toBe("baton-e2e");
    // The Sandbox model quotes its prompt: the input reached it through the {{ trigger.body.text }} of the prompt.
    expect(sent.summary).toContain(SAMPLE.text);

    // The LLM node's step: its output, from the node's "Test run" tab.
    await builder.openNode("llm");
    await builder.nodePanel().getByRole("tab", { name: "Test run" }).click();
    const output = builder.nodePanel().getByLabel("Output of llm");
    await expect(output).toBeVisible();
    await expect(output).toContainText('"text"');
    await expect(output).toContainText(SAMPLE.text);
  } finally {
    await stub.close();
  }
});
