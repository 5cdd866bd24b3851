import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ApiKeysPage } from "./pages/api-keys-page";
import { RunDetailPage } from "./pages/run-detail-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode } from "./support/workflows-api";

// Issue 12, points 5 and 6: a builder creates an API key in Settings, starts a run with it from the shell (the very
// lines the page shows, run with bash and curl), sees the run, revokes the key, and the next call is refused.

const ECHO = {
  nodes: [graphNode("start", "trigger.manual", 0, {}, "Start"), graphNode("answer", "control.output", 320, { value: "'pong'" }, "Answer")],
  edges: [graphEdge("start", "answer")],
};

/** Runs shell lines as the page shows them; returns what curl printed. */
function shell(lines: string[]): string {
  return execFileSync("bash", ["-c", lines.join("\n")], { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "pipe"] });
}

test("a builder creates an API key, starts a run with it over HTTP, then revokes it and is refused", async ({ page, context, baseURL }) => {
  const { request } = context;
  await apiSignIn(request, "builder");
  const suffix = randomBytes(4).toString("hex");
  const teamId = await builderTeamId(request);
  const me = (await (await request.get("/api/me")).json()) as { user: { memberships: { teamId: string; teamName: string }[] } };
  const teamName = me.user.memberships.find((m) => m.teamId === teamId)!.teamName;
  const workflowName = `E2E api key ${suffix}`;
  const workflowId = await createWorkflowViaApi(request, { teamId, name: workflowName, graph: ECHO });
  const editor = (await (await request.get(`/api/workflows/${workflowId}/editor`)).json()) as { workflow: { draftRevision: number } };
  const published = await request.post(`/api/workflows/${workflowId}/publish`, { data: { note: "e2e", revision: editor.workflow.draftRevision } });
  expect(published.status(), await published.text()).toBe(201);

  // A builder reaches Settings for API keys only.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  const keys = new ApiKeysPage(page);
  await keys.expectLoaded();
  expect(await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link").allInnerTexts()).toEqual(["API keys"]);

  const keyName = `E2E key ${suffix}`;
  await page.getByRole("button", { name: "New API key" }).click();
  await expect(keys.scope("admin")).toBeDisabled();
  await expect(keys.scope("runs:write")).toBeEnabled();
  await page.keyboard.press("Escape");
  await keys.create({ name: keyName, team: teamName, scopes: ["runs:write"] });

  const created = keys.createdDialog(keyName);
  const secret = (await created.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^bk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  await created.getByLabel("Example with the workflow").selectOption({ label: workflowName });
  const exportLine = (await created.getByTestId("api-key-export").textContent())!;
  const curl = (await created.getByTestId("api-key-curl").textContent())!;
  expect(curl).toContain(`${baseURL}/api/workflows/${workflowId}/runs`);

  // The example as shown, with curl.
  const started = JSON.parse(shell([exportLine, curl])) as { runId: string; status: string };
  expect(started.status).toBe("QUEUED");
  const [queued] = await queryDb<{ actorType: string; actorLabel: string }>(
    `SELECT "actorType"::text AS "actorType", "actorLabel" FROM "AuditEvent" WHERE action = 'run.queued' AND "resourceId" = $1`,
    [started.runId],
  );
  expect(queued).toEqual({ actorType: "api_key", actorLabel: `${keyName} (${secret.slice(0, 15)}…)` });

  // A client of its own, without the builder's cookie: runs:write starts runs but does not read them.
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  try {
    const read = await api.get(`/api/runs/${started.runId}`);
    expect(read.status()).toBe(403);
    expect((await read.json()).error.message).toBe(`This API key lacks the scope "workflows:read", which this needs (run:read).`);
    // A key never rides along with a session cookie.
    const both = await request.post(`/api/workflows/${workflowId}/runs`, { data: {}, headers: { authorization: `Bearer ${secret}` } });
    expect(both.status()).toBe(400);

    await created.getByRole("button", { name: "Done" }).click();
    await expect(created).toBeHidden();
    const row = keys.row(keyName);
    await expect(row).toContainText(`bk_${secret.slice(3, 15)}_…`);
    await expect(row).toContainText("runs:write");
    await expect(row).toContainText("Active");
    await expect(row.getByRole("cell").nth(4)).not.toHaveText("Never");

    // The builder sees the run the key started.
    const run = new RunDetailPage(page);
    await run.goto(started.runId);
    await expect(run.title()).toContainText(workflowName);
    await expect(run.status()).toHaveText("Succeeded");

    await keys.goto();
    await keys.revoke(keyName);
    await expect(keys.row(keyName)).toContainText("Revoked");
    await expect(keys.row(keyName).getByRole("button", { name: `Revoke ${keyName}` })).toHaveCount(0);

    const refused = JSON.parse(shell([exportLine, curl])) as { error: { code: string; message: string; details: { reason: string } } };
    expect(refused.error).toMatchObject({ code: "UNAUTHENTICATED", details: { reason: "revoked" } });
    expect(refused.error.message).toMatch(/^This API key was revoked on /);
    expect((await api.post(`/api/workflows/${workflowId}/runs`, { data: {} })).status()).toBe(401);
  } finally {
    await api.dispose();
  }
});
