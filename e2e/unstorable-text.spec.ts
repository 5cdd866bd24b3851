import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode } from "./support/workflows-api";

// Finding 9: a NUL character or a lone surrogate in any field used to reach PostgreSQL and come back as a 500. The
// shared body reader refuses them with a 400 naming the field, and nothing is stored.

const count = async (sql: string, params: unknown[]) => (await queryDb<{ n: number }>(sql, params))[0]?.n ?? 0;

test("NUL and lone surrogates are a 400 naming the field on profile, workflow, run and webhook inputs; nothing is stored", async ({ request, playwright, baseURL }) => {
  await apiSignIn(request, "builder");
  const me = async () => ((await (await request.get("/api/me")).json()) as { user: { name: string } }).user.name;
  const nameBefore = await me();

  const profile = await request.patch("/api/me", { data: { name: "Bob\u0000by" } });
  expect(profile.status(), await profile.text()).toBe(400);
  expect((await profile.json()).error).toMatchObject({ code: "VALIDATION", message: "name: contains a NUL character (U+0000), which cannot be stored.", issues: [{ path: "name" }] });
  expect(await me()).toBe(nameBefore);

  const teamId = await builderTeamId(request);
  // Only the workflows these requests would have made: other specs create workflows in the same team meanwhile.
  const triedWorkflows = `SELECT count(*)::int AS n FROM "Workflow" WHERE "teamId" = $1 AND (name = 'Tags' OR name LIKE 'Pay%roll')`;
  const workflowsBefore = await count(triedWorkflows, [teamId]);
  const badName = await request.post("/api/workflows", { data: { teamId, name: "Pay\u0000roll" } });
  expect(badName.status()).toBe(400);
  expect((await badName.json()).error.issues).toEqual([{ path: "name", message: "contains a NUL character (U+0000), which cannot be stored" }]);
  const badTag = await request.post("/api/workflows", { data: { teamId, name: "Tags", tags: ["ok", "x\ud800"] } });
  expect(badTag.status()).toBe(400);
  expect((await badTag.json()).error.message).toMatch(/^tags\.1: contains a lone surrogate \(U\+D800\)/);
  expect(await count(triedWorkflows, [teamId])).toBe(workflowsBefore);

  const id = await createWorkflowViaApi(request, {
    teamId,
    name: `E2E storable ${randomBytes(4).toString("hex")}`,
    graph: { nodes: [graphNode("start", "trigger.manual", 0), graphNode("done", "control.output", 200, { value: "trigger.body" })], edges: [graphEdge("start", "done")] },
  });
  expect((await request.post(`/api/workflows/${id}/publish`, { data: { note: "e2e" } })).status()).toBe(201);
  const runKey = await request.post(`/api/workflows/${id}/runs`, { data: { input: { "amount\u0000": 1 } } });
  expect(runKey.status()).toBe(400);
  expect((await runKey.json()).error.message).toMatch(/^input\."amount\\u0000": the key contains a NUL character/);
  const runValue = await request.post(`/api/workflows/${id}/runs`, { data: { input: { note: "\udc00" } } });
  expect(runValue.status()).toBe(400);
  expect((await runValue.json()).error.issues[0].path).toBe("input.note");

  const hookId = await createWorkflowViaApi(request, {
    teamId,
    name: `E2E storable hook ${randomBytes(4).toString("hex")}`,
    graph: { nodes: [graphNode("hook", "trigger.webhook", 0), graphNode("done", "control.output", 200, { value: "trigger.body" })], edges: [graphEdge("hook", "done")] },
  });
  expect((await request.post(`/api/workflows/${hookId}/publish`, { data: { note: "e2e" } })).status()).toBe(201);
  const [row] = await queryDb<{ webhookSecret: string }>(`SELECT "webhookSecret" FROM "Workflow" WHERE id = $1`, [hookId]);
  const caller = await playwright.request.newContext({ baseURL });
  const hook = await caller.post(`/api/hooks/${hookId}`, { headers: { "x-baton-secret": row!.webhookSecret }, data: { order: { note: "a\u0000b" } } });
  expect(hook.status(), await hook.text()).toBe(400);
  expect((await hook.json()).error.message).toBe("body.order.note: contains a NUL character (U+0000), which cannot be stored.");
  await caller.dispose();
  expect(await count(`SELECT count(*)::int AS n FROM "Run" WHERE "workflowId" IN ($1, $2)`, [id, hookId])).toBe(0);
});
