import { createHmac, randomBytes } from "node:crypto";
import { expect, test as base, type APIRequestContext } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode } from "./support/workflows-api";

// Webhooks end to end: a builder creates and publishes workflows through the API, and an outside caller with no
// session starts runs over POST /api/hooks/:workflowId, authenticated by the workflow's secret or an HMAC signature.

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

function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
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
      headers: { "content-type": "application/json", "x-baton-signature": sign(workflow.secret, payload) },
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
      headers: { "content-type": "application/json", "x-baton-signature": sign(workflow.secret, payload) },
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

  test("an unknown workflow id is a JSON 404", async ({ caller }) => {
    const res = await caller.post(`/api/hooks/no-such-workflow-${randomBytes(6).toString("hex")}`, {
      headers: { "x-baton-secret": "whsec_anything" },
      data: ORDER,
    });
    expect(res.status()).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect((await res.json()).error).toMatchObject({ code: "NOT_FOUND", message: expect.any(String) });
  });
});
