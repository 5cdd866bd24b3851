import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { RunDetailPage } from "./pages/run-detail-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { createWorkflowViaApi, graphNode, teamIdByName } from "./support/workflows-api";

// The run page tells what happened in time (issue 10): every attempt of a step with the waits between them, a
// Parallel node's branches side by side, and the emergency stop while it holds a run. The HTTP nodes call stub
// servers of this spec on 127.0.0.1; each test has its own stub (own port, so its own circuit breaker).

type TStub = { url: string; calls: (path: string) => number; release: () => void; close: () => Promise<void> };
type TReply = { status: number; body: unknown } | "hang";

async function startStub(answer: (path: string, nth: number) => TReply): Promise<TStub> {
  const counts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const reply = answer(path, nth);
      if (reply === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: (path) => counts.get(path) ?? 0,
    release: () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Setup, not the journey: the stubs are private addresses (see builder.spec.ts, which leaves this on too). */
async function allowPrivateNetworks() {
  await queryDb(
    `INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
    ["network.outbound", JSON.stringify({ allowPrivateNetworks: true, allowedHosts: [] })],
  );
}

type TNode = ReturnType<typeof graphNode> & { settings?: Record<string, unknown> };
const edge = (source: string, target: string, sourceHandle = "out") => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  sourceHandle,
  target,
  targetHandle: "in",
});

async function publishedWorkflow(request: APIRequestContext, label: string, nodes: TNode[], edges: ReturnType<typeof edge>[]) {
  const teamId = await teamIdByName(request, "Risk Operations");
  const name = `E2E attempts ${label} ${randomBytes(3).toString("hex")}`;
  const workflowId = await createWorkflowViaApi(request, { teamId, name, graph: { nodes, edges } });
  const editor = await request.get(`/api/workflows/${workflowId}/editor`);
  const { workflow } = (await editor.json()) as { workflow: { draftRevision: number } };
  const published = await request.post(`/api/workflows/${workflowId}/publish`, {
    data: { note: "E2E", revision: workflow.draftRevision },
  });
  expect(published.status(), await published.text()).toBe(201);
  return workflowId;
}

async function startRun(request: APIRequestContext, workflowId: string): Promise<string> {
  const res = await request.post(`/api/workflows/${workflowId}/runs`, { data: { input: {} } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { runId: string }).runId;
}

async function runStatus(request: APIRequestContext, runId: string): Promise<string> {
  return ((await (await request.get(`/api/runs/${runId}`)).json()) as { run: { status: string } }).run.status;
}

async function waitForEnd(request: APIRequestContext, runId: string, timeout = 30_000): Promise<string> {
  await expect.poll(() => runStatus(request, runId), { timeout }).toMatch(/^(SUCCEEDED|FAILED|CANCELLED)$/);
  return runStatus(request, runId);
}

const callNode = (id: string, url: string, x: number, settings?: Record<string, unknown>): TNode => ({
  ...graphNode(id, "tool.http", x, { method: "POST", url, body: '{"ticket": 42}' }, id === "agent" ? "Flaky agent" : undefined),
  ...(settings ? { settings } : {}),
});

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test.describe("run page: attempts, branches and the emergency stop", () => {
  test.beforeAll(allowPrivateNetworks);
  test.beforeEach(async ({ context }) => apiSignIn(context.request, "admin"));

  test("a flaky agent's step shows its wait for the open circuit, then each attempt, the retry backoffs and the refusal", async ({ page, context }) => {
    test.setTimeout(120_000);
    const { request } = context;
    const stub = await startStub((path, nth) =>
      path === "/down" ? { status: 503, body: { error: "down" } } : nth <= 2 ? { status: 500, body: { error: "busy" } } : { status: 200, body: { answer: "ok" } },
    );
    try {
      // Three failures of another workflow on the same host and port: the flaky agent's two 500s make five within
      // 60 s, which opens the host's circuit (server/net/circuit-breaker.ts, default thresholds), so its third try is
      // refused.
      const down = await publishedWorkflow(request, "down", [graphNode("start", "trigger.manual", 0), callNode("call", `${stub.url}/down`, 300)], [edge("start", "call")]);
      for (let i = 0; i < 3; i++) expect(await waitForEnd(request, await startRun(request, down))).toBe("FAILED");
      const retry = { retry: { maxAttempts: 4, backoffMs: 200, maxBackoffMs: 400 } };
      const flaky = await publishedWorkflow(
        request,
        "flaky",
        [
          graphNode("start", "trigger.manual", 0),
          callNode("agent", `${stub.url}/flaky`, 300, retry),
          graphNode("answer", "control.output", 600, { value: "nodes.agent.output.body" }),
        ],
        [edge("start", "agent"), edge("agent", "answer")],
      );
      const runId = await startRun(request, flaky);
      // The third try meets the open circuit: it waits for the breaker's cool-down (30 s by default) without using up
      // an attempt, and the step says which host it waits for and until when.
      const detail = new RunDetailPage(page);
      await detail.goto(runId);
      const host = new URL(stub.url).host;
      await expect(async () => {
        await page.reload();
        await expect(detail.step("agent")).toContainText(new RegExp(`Waiting for host ${host.replace(/\./g, "\\.")} to recover until \\d\\d:\\d\\d:\\d\\d UTC`), { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await screenshot(page, "run-attempts-circuit-wait");
      expect(stub.calls("/flaky")).toBe(2);

      expect(await waitForEnd(request, runId, 90_000)).toBe("SUCCEEDED");
      // Two 500s and the answer: the refusal made no call.
      expect(stub.calls("/flaky")).toBe(3);
      await page.reload();
      const attempts = detail.step("agent").getByRole("list", { name: "Attempts of agent" });
      await expect(attempts).toBeVisible();
      const rows = attempts.getByTestId("step-attempt");
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0)).toContainText("Attempt 1");
      await expect(rows.nth(0)).toContainText("Failed");
      await expect(rows.nth(0)).toContainText("HTTP_5XX");
      await expect(rows.nth(0)).toContainText(`Idempotency-Key ${runId}:agent::1`);
      await expect(rows.nth(1)).toContainText("Attempt 2");
      await expect(rows.nth(1)).toContainText(`Idempotency-Key ${runId}:agent::2`);
      await expect(attempts.getByTestId("step-wait").filter({ hasText: "Retry backoff" }).first()).toBeVisible();
      await expect(rows.nth(2)).toContainText("Circuit open: no call made");
      await expect(rows.nth(2)).toContainText("CIRCUIT_OPEN");
      await expect(rows.nth(2)).not.toContainText("Idempotency-Key");
      await expect(attempts.getByTestId("step-wait").filter({ hasText: "Circuit open: waiting to try again" }).first()).toBeVisible();
      await expect(rows.nth(3)).toContainText("Attempt 3");
      await expect(rows.nth(3)).toContainText("Answered");
      await expect(rows.nth(3)).toContainText(`Idempotency-Key ${runId}:agent::3`);
      await screenshot(page, "run-attempts-flaky");
    } finally {
      await stub.close();
    }
  });

  test("a parallel run shows its branches side by side under the Parallel node, after the trigger", async ({ page, context }) => {
    const { request } = context;
    const workflowId = await publishedWorkflow(
      request,
      "parallel",
      [
        graphNode("start", "trigger.manual", 0),
        graphNode("fan", "control.parallel", 200, { branches: 2 }),
        graphNode("left", "tool.transform", 400, { expression: "'left'" }),
        graphNode("right", "tool.transform", 400, { expression: "'right'" }),
        graphNode("join", "control.join", 600, { mode: "all" }),
        graphNode("answer", "control.output", 800, { value: "nodes.left.output & ' and ' & nodes.right.output" }),
      ],
      [edge("start", "fan"), edge("fan", "left", "branch_1"), edge("fan", "right", "branch_2"), edge("left", "join"), edge("right", "join"), edge("join", "answer")],
    );
    const runId = await startRun(request, workflowId);
    expect(await waitForEnd(request, runId)).toBe("SUCCEEDED");

    const detail = new RunDetailPage(page);
    await detail.goto(runId);
    const branches = page.getByRole("group", { name: "Branches of fan" });
    const left = branches.getByRole("region", { name: "Branch 1 of fan" });
    const right = branches.getByRole("region", { name: "Branch 2 of fan" });
    await expect(left.getByRole("heading", { name: "left", exact: true })).toBeVisible();
    await expect(right.getByRole("heading", { name: "right", exact: true })).toBeVisible();
    // Side by side: the same top, Branch 2 to the right of Branch 1.
    const [a, b] = [await left.boundingBox(), await right.boundingBox()];
    expect(a && b).toBeTruthy();
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    // The engine's order: the trigger first, the Parallel node before its branches, the Join and the output after.
    const headings = await detail.steps().getByRole("heading", { level: 3 }).allTextContents();
    expect(headings).toEqual(["start", "fan", "left", "right", "join", "answer"]);
    await screenshot(page, "run-attempts-parallel");
  });

  test("during an emergency stop the run page says the engine is stopped and which step was interrupted", async ({ page, context }) => {
    test.setTimeout(90_000);
    const { request } = context;
    let isHanging = true;
    const stub = await startStub(() => (isHanging ? "hang" : { status: 200, body: { shipped: true } }));
    try {
      const workflowId = await publishedWorkflow(
        request,
        "stop",
        [
          graphNode("start", "trigger.manual", 0),
          callNode("ship", `${stub.url}/ship`, 300),
          graphNode("answer", "control.output", 600, { value: "nodes.ship.output.body" }),
        ],
        [edge("start", "ship"), edge("ship", "answer")],
      );
      const runId = await startRun(request, workflowId);
      await expect.poll(() => stub.calls("/ship"), { timeout: 20_000 }).toBe(1);
      const detail = new RunDetailPage(page);
      try {
        const stopped = await request.post("/api/engine/stop", { data: { reason: "E2E: provider incident drill" } });
        expect(stopped.status(), await stopped.text()).toBe(200);
        // The worker records the stopped call when its pass ends (a moment after the stop).
        await expect
          .poll(async () => {
            const res = await request.get(`/api/runs/${runId}`);
            const { run } = (await res.json()) as { run: { steps: { nodeId: string; isInterruptedByStop: boolean }[] } };
            return run.steps.find((s) => s.nodeId === "ship")?.isInterruptedByStop;
          })
          .toBe(true);
        await detail.goto(runId);
        const banner = page.getByRole("alert", { name: "Engine stopped" });
        await expect(banner).toContainText("The engine is stopped");
        await expect(banner).toContainText("E2E: provider incident drill");
        await expect(banner).toContainText("this run resumes when an organisation admin resumes the engine");
        await expect(detail.step("ship").getByText("Interrupted by stop", { exact: true })).toBeVisible();
        await expect(detail.step("ship")).toContainText("resumes when the engine is resumed");
        await expect(detail.step("ship").getByTestId("step-attempt").first()).toContainText("Aborted by emergency stop");
        await screenshot(page, "run-attempts-stopped");
      } finally {
        isHanging = false;
        stub.release();
        await request.post("/api/engine/resume");
      }
      expect(await waitForEnd(request, runId, 30_000)).toBe("SUCCEEDED");
      await page.reload();
      await expect(page.getByRole("alert", { name: "Engine stopped" })).toHaveCount(0);
      const rows = detail.step("ship").getByTestId("step-attempt");
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toContainText("Sent again as the same attempt, with the same Idempotency-Key.");
      await expect(rows.nth(1)).toContainText("Answered");
      await expect(detail.step("ship").getByTestId("step-wait").filter({ hasText: "Engine stopped" })).toBeVisible();
      await screenshot(page, "run-attempts-resumed");
    } finally {
      await stub.close();
    }
  });
});
