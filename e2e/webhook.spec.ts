import { createHmac, randomBytes } from "node:crypto";
import { expect, test as base, type APIRequestContext } from "@playwright/test";
import { apiSignIn, signInContext } from "./support/api-sign-in";
import { BuilderPage } from "./pages/builder-page";
import { queryDb } from "./support/db";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode } from "./support/workflows-api";

// Webhooks end to end: a builder creates and publishes workflows through the API, and an outside caller with no
// session starts runs over POST /api/hooks/:workflowId, authenticated by the workflow's secret or a signature of
// "<timestamp>.<body>"; and the builder's webhook panel gives the address, the secret and its rotation.

type TTriggerConfig = { auth: "secret" | "hmac"; responseMode: "immediate" | "wait"; waitTimeoutMs?: number };
type TWebhookWorkflow = { id: string; name: string; secret: string };

const test = base.extend<{ builder: APIRequestContext; caller: APIRequestContext }>({
  /** The builder's session, for the workflow and run APIs. */
  builder: async ({ request }, provide) => {
    await apiSignIn(request, "builder");
    await provide(request);
  },
  /** An outside system: a fresh request context that never signed in. */
  caller: async ({ playwright, baseURL }, provide) => {
    const context = await playwright.request.newContext({ baseURL });
    await provide(context);
    await context.dispose();
  },
});

const ORDER = { items: [{ sku: "A-1", price: 12.5 }, { sku: "B-2", price: 7.25 }, { sku: "C-3", price: 0.25 }] };
const ORDER_TOTALS = { total: 20, count: 3 };

/** trigger.webhook → tool.transform (total and count of the posted items) → control.output. */
function webhookGraph(trigger: TTriggerConfig) {
  return {
    nodes: [
      graphNode("hook", "trigger.webhook", 0, trigger),
      graphNode("totals", "tool.transform", 200, {
        expression: '{"total": $sum(trigger.body.items.price), "count": $count(trigger.body.items)}',
      }),
      graphNode("result", "control.output", 400, { value: "nodes.totals.output" }),
    ],
    edges: [graphEdge("hook", "totals", "e0"), graphEdge("totals", "result", "e1")],
  };
}

/** Creates the workflow through the API, publishes it unless told not to, and reads its secret from the database. */
async function createWebhookWorkflow(
  builder: APIRequestContext,
  label: string,
  trigger: TTriggerConfig,
  options: { isPublished?: boolean } = {},
): Promise<TWebhookWorkflow> {
  const name = `E2E webhook ${label} ${randomBytes(4).toString("hex")}`;
  const id = await createWorkflowViaApi(builder, {
    teamId: await builderTeamId(builder),
    name,
    description: "Created by e2e/webhook.spec.ts",
    graph: webhookGraph(trigger),
  });
  if (options.isPublished !== false) {
    const published = await builder.post(`/api/workflows/${id}/publish`, { data: { note: "e2e webhook test" } });
    expect(published.status(), await published.text()).toBe(201);
    expect((await published.json()).number).toBe(1);
  }
  const rows = await queryDb<{ webhookSecret: string }>('SELECT "webhookSecret" FROM "Workflow" WHERE id = $1', [id]);
  const secret = rows[0]?.webhookSecret;
  if (!secret) throw new Error(`No webhook secret stored for workflow ${id}`);
  return { id, name, secret };
}

async function countRuns(workflowId: string): Promise<number> {
  const rows = await queryDb<{ n: number }>('SELECT count(*)::int AS n FROM "Run" WHERE "workflowId" = $1', [workflowId]);
  return rows[0]?.n ?? 0;
}

/** X-Baton-Timestamp and X-Baton-Signature for `body` sent now. */
function signedHeaders(secret: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    "x-baton-timestamp": timestamp,
    "x-baton-signature": `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`,
  };
}

function postWithSecret(caller: APIRequestContext, workflowId: string, secret: string, body: unknown = ORDER) {
  return caller.post(`/api/hooks/${workflowId}`, { headers: { "x-baton-secret": secret }, data: body });
}

async function runAsBuilder(builder: APIRequestContext, runId: string) {
  const res = await builder.get(`/api/runs/${runId}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).run as { id: string; workflowId: string; status: string; triggerType: string; input: { body: unknown }; output: unknown };
}

test.describe("Webhooks start runs from outside systems", () => {
  test("the right secret runs the workflow and waits for its result; the run is visible to the builder", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "wait", { auth: "secret", responseMode: "wait", waitTimeoutMs: 20_000 });
    expect((await caller.get("/api/me")).status(), "the caller has no session").toBe(401);

    const res = await postWithSecret(caller, workflow.id, workflow.secret);
    expect(res.status(), await res.text()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ runId: expect.any(String), status: "SUCCEEDED", output: ORDER_TOTALS, error: null });

    const run = await runAsBuilder(builder, body.runId);
    expect(run).toMatchObject({ id: body.runId, workflowId: workflow.id, status: "SUCCEEDED", triggerType: "webhook", output: ORDER_TOTALS });
    expect(run.input.body).toEqual(ORDER);
    expect(await countRuns(workflow.id)).toBe(1);
  });

  test("a wrong or missing secret is a 401 naming the header, and starts no run", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "secret", { auth: "secret", responseMode: "wait", waitTimeoutMs: 20_000 });
    const before = await countRuns(workflow.id);

    const wrong = await postWithSecret(caller, workflow.id, `${workflow.secret}x`);
    expect(wrong.status()).toBe(401);
    expect((await wrong.json()).error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringContaining("X-Baton-Secret") });

    const missing = await caller.post(`/api/hooks/${workflow.id}`, { data: ORDER });
    expect(missing.status()).toBe(401);
    expect((await missing.json()).error.message).toContain("X-Baton-Secret");

    // The secret of another workflow does not open this one.
    const seeded = await queryDb<{ webhookSecret: string }>('SELECT "webhookSecret" FROM "Workflow" WHERE id <> $1 LIMIT 1', [workflow.id]);
    const other = await postWithSecret(caller, workflow.id, seeded[0]!.webhookSecret);
    expect(other.status()).toBe(401);

    expect(await countRuns(workflow.id)).toBe(before);
  });

  test("a malformed JSON body is a 400 with the parser's reason, and starts no run", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "json", { auth: "secret", responseMode: "wait", waitTimeoutMs: 20_000 });
    const raw = '{"items": [';
    const reason = (() => {
      try {
        JSON.parse(raw);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("the malformed body parsed");
    })();

    const res = await caller.post(`/api/hooks/${workflow.id}`, {
      headers: { "x-baton-secret": workflow.secret, "content-type": "application/json" },
      data: Buffer.from(raw),
    });
    expect(res.status(), await res.text()).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message.startsWith("The request body is not valid JSON")).toBe(true);
    expect(error.message).toContain(reason);
    expect(JSON.stringify(error)).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(await countRuns(workflow.id)).toBe(0);
  });

  test("an HMAC-signed call answers at once with a run that then succeeds; a signature of another body is a 401", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "hmac", { auth: "hmac", responseMode: "immediate" });
    const payload = JSON.stringify(ORDER);

    const res = await caller.post(`/api/hooks/${workflow.id}`, {
      headers: { "content-type": "application/json", ...signedHeaders(workflow.secret, payload) },
      data: Buffer.from(payload),
    });
    expect(res.status(), await res.text()).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ runId: expect.any(String), status: "QUEUED" });

    await expect.poll(async () => (await runAsBuilder(builder, body.runId)).status, { timeout: 15_000 }).toBe("SUCCEEDED");
    const run = await runAsBuilder(builder, body.runId);
    expect(run).toMatchObject({ workflowId: workflow.id, triggerType: "webhook", output: ORDER_TOTALS });
    const before = await countRuns(workflow.id);

    const tampered = JSON.stringify({ items: [{ sku: "A-1", price: 0.01 }] });
    const forged = await caller.post(`/api/hooks/${workflow.id}`, {
      headers: { "content-type": "application/json", ...signedHeaders(workflow.secret, payload) },
      data: Buffer.from(tampered),
    });
    expect(forged.status()).toBe(401);
    expect((await forged.json()).error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringContaining("X-Baton-Signature") });

    // The plain secret is not accepted in place of a signature.
    const secretOnly = await postWithSecret(caller, workflow.id, workflow.secret);
    expect(secretOnly.status()).toBe(401);

    expect(await countRuns(workflow.id)).toBe(before);
  });

  test("a paused workflow refuses webhooks with a 409 until it is resumed", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "pause", { auth: "secret", responseMode: "wait", waitTimeoutMs: 20_000 });

    const paused = await builder.post(`/api/workflows/${workflow.id}/status`, { data: { action: "pause" } });
    expect(paused.status(), await paused.text()).toBe(200);
    expect(await paused.json()).toEqual({ status: "paused" });

    const refused = await postWithSecret(caller, workflow.id, workflow.secret);
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("paused") });
    expect(await countRuns(workflow.id)).toBe(0);

    const resumed = await builder.post(`/api/workflows/${workflow.id}/status`, { data: { action: "resume" } });
    expect(resumed.status(), await resumed.text()).toBe(200);
    expect(await resumed.json()).toEqual({ status: "published" });

    const res = await postWithSecret(caller, workflow.id, workflow.secret);
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "SUCCEEDED", output: ORDER_TOTALS });
    expect(await countRuns(workflow.id)).toBe(1);
  });

  test("a workflow that is not published yet answers 409", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "draft", { auth: "secret", responseMode: "wait", waitTimeoutMs: 20_000 }, { isPublished: false });
    const res = await postWithSecret(caller, workflow.id, workflow.secret);
    expect(res.status()).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not published") });
    expect(await countRuns(workflow.id)).toBe(0);
  });

  test("an unknown workflow id answers exactly like a wrong secret: 401, same message", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "unknown", { auth: "secret", responseMode: "immediate" });
    const wrong = await postWithSecret(caller, workflow.id, "whsec_anything");
    const unknown = await caller.post(`/api/hooks/no-such-workflow-${randomBytes(6).toString("hex")}`, {
      headers: { "x-baton-secret": "whsec_anything" },
      data: ORDER,
    });
    expect(unknown.status()).toBe(401);
    expect(unknown.headers()["content-type"]).toContain("application/json");
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  test("an Idempotency-Key replays the first answer instead of starting another run", async ({ builder, caller }) => {
    const workflow = await createWebhookWorkflow(builder, "idem", { auth: "secret", responseMode: "immediate" });
    const send = () => caller.post(`/api/hooks/${workflow.id}`, { headers: { "x-baton-secret": workflow.secret, "idempotency-key": "order-77" }, data: ORDER });
    const first = await send();
    expect(first.status(), await first.text()).toBe(202);
    const again = await send();
    expect(again.status()).toBe(202);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await countRuns(workflow.id)).toBe(1);
  });
});

test.describe("The builder's webhook panel", () => {
  test("a builder sees the URL, reveals and copies the secret, calls the webhook, rotates with a grace period", async ({ browser, builder, caller, baseURL }) => {
    const workflow = await createWebhookWorkflow(builder, "panel", { auth: "secret", responseMode: "immediate" });
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await signInContext(context, "builder");
    const page = await context.newPage();
    const editor = new BuilderPage(page);
    await editor.goto(workflow.id);
    await editor.openNode("hook");
    const panel = page.getByTestId("webhook-panel");
    await expect(panel.getByTestId("webhook-url")).toHaveText(`${new URL(baseURL!).origin}/api/hooks/${workflow.id}`);

    await panel.getByRole("button", { name: "Reveal secret" }).click();
    await expect(panel.getByTestId("webhook-secret")).toHaveText(workflow.secret);
    await panel.getByRole("button", { name: "Copy secret" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(workflow.secret);
    await expect(panel.getByTestId("webhook-secret-export")).toContainText(workflow.secret);
    await expect(panel.getByTestId("webhook-curl-signed")).toContainText("openssl dgst -sha256 -hmac");

    const called = await postWithSecret(caller, workflow.id, copied);
    expect(called.status(), await called.text()).toBe(202);
    expect(await countRuns(workflow.id)).toBe(1);

    await panel.getByLabel("Rotate the secret; keep the old one valid for").selectOption({ label: "1 hour" });
    await panel.getByRole("button", { name: "Rotate secret…" }).click();
    await panel.getByRole("button", { name: "Confirm rotation" }).click();
    await expect(panel.getByTestId("webhook-secret")).not.toHaveText(workflow.secret);
    const rotated = (await panel.getByTestId("webhook-secret").textContent())!;
    expect(rotated).toMatch(/^whsec_/);
    await expect(panel).toContainText("The previous secret still works until");
    await panel.screenshot({ path: "/tmp/shots/webhook-panel.png" });

    expect((await postWithSecret(caller, workflow.id, workflow.secret)).status()).toBe(202);
    expect((await postWithSecret(caller, workflow.id, rotated)).status()).toBe(202);
    expect(await countRuns(workflow.id)).toBe(3);
    const audit = await queryDb<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE "resourceId" = $1 AND action LIKE 'workflow.webhook_secret_%' ORDER BY seq`,
      [workflow.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["workflow.webhook_secret_revealed", "workflow.webhook_secret_rotated"]);
    await context.close();
  });

  test("a viewer sees the URL but no secret, and the secret API answers 403", async ({ browser, builder, baseURL, playwright }) => {
    const workflow = await createWebhookWorkflow(builder, "viewer", { auth: "hmac", responseMode: "immediate" });
    const context = await browser.newContext({ baseURL });
    await signInContext(context, "viewer");
    const page = await context.newPage();
    const editor = new BuilderPage(page);
    await editor.goto(workflow.id);
    await editor.openNode("hook");
    const panel = page.getByTestId("webhook-panel");
    await expect(panel.getByTestId("webhook-url")).toContainText(`/api/hooks/${workflow.id}`);
    await expect(panel).toContainText("Only builders of this workflow's team can see the secret.");
    await expect(panel.getByRole("button", { name: "Reveal secret" })).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "Rotate secret…" })).toHaveCount(0);
    await context.close();

    const viewer = await playwright.request.newContext({ baseURL });
    await apiSignIn(viewer, "viewer");
    const info = await viewer.get(`/api/workflows/${workflow.id}/webhook`);
    expect(info.status()).toBe(200);
    expect(JSON.stringify(await info.json())).not.toContain(workflow.secret);
    expect((await viewer.post(`/api/workflows/${workflow.id}/webhook/secret/reveal`)).status()).toBe(403);
    expect((await viewer.post(`/api/workflows/${workflow.id}/webhook/secret/rotate`, { data: { graceSeconds: 0 } })).status()).toBe(403);
    await viewer.dispose();
  });
});
