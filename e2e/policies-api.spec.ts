import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";

// The policy API over HTTP, as the policy editor uses it: a team admin writes a policy of their team, every problem
// of a bad document comes back with its path, a simulation runs on the team's runs, publishing makes version 1;
// others are refused with a sentence.

async function teamIdOf(request: APIRequestContext): Promise<string> {
  const me = (await (await request.get("/api/me")).json()) as { user: { memberships: { teamId: string }[] } };
  return me.user.memberships[0]!.teamId;
}

test("a team admin creates, drafts, simulates, publishes and deletes a team policy; bad input is refused with the exact problem", async ({
  playwright,
  baseURL,
}) => {
  const admin = await playwright.request.newContext({ baseURL });
  const viewer = await playwright.request.newContext({ baseURL });
  await apiSignIn(admin, "teamadmin");
  await apiSignIn(viewer, "viewer");
  const teamId = await teamIdOf(admin);
  const name = `E2E approvals ${randomBytes(3).toString("hex")}`;

  const unknownScope = await admin.post("/api/policies", { data: { name, scope: { kind: "planet" } } });
  expect(unknownScope.status()).toBe(400);
  expect((await unknownScope.json()).error.issues).toEqual([
    { path: "scope.kind", message: 'Unknown scope "planet": use "org", "team", "workflow", "agent" or "api_key"' },
  ]);
  const orgPolicy = await admin.post("/api/policies", { data: { name, scope: { kind: "org" } } });
  expect(orgPolicy.status()).toBe(403);
  expect((await orgPolicy.json()).error.message).toBe("Only an organisation admin can change organisation policies.");

  const created = await admin.post("/api/policies", { data: { name, scope: { kind: "team", targetId: teamId } } });
  expect(created.status()).toBe(201);
  const { policy } = (await created.json()) as { policy: { id: string; scope: { kind: string; teamId: string } } };
  expect(policy.scope).toMatchObject({ kind: "team", teamId });
  const base = `/api/policies/${policy.id}`;

  const bad = await admin.put(`${base}/draft`, {
    data: { document: { approvalWhen: { condition: "trigger.body.amount >" }, content: { patterns: [{ pattern: "(a+)+$" }] } } },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues).toEqual([
    {
      path: "content.patterns[0].pattern",
      message: "Pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition",
    },
    { path: "approvalWhen.condition", message: "Condition is not a valid JSONata expression: Unexpected end of expression at position 21" },
  ]);
  expect((await (await admin.get(base)).json()).policy.draft).toBeNull();

  const document = { approvalWhen: { condition: "trigger.body.amount > 10000" } };
  expect((await admin.put(`${base}/draft`, { data: { document } })).status()).toBe(200);
  const refused = await viewer.put(`${base}/draft`, { data: { document: {} } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/^Only an admin of the team ".+" or an organisation admin can change its policies\.$/);

  const simulated = await admin.post(`${base}/simulate`, { data: { limit: 20 } });
  expect(simulated.status()).toBe(200);
  const { simulation } = (await simulated.json()) as {
    simulation: { source: string; runs: { isGenerated: boolean }[]; totals: { runs: Record<string, number> } };
  };
  expect(simulation.source).toBe("draft");
  expect(simulation.runs.length).toBeGreaterThan(0);
  expect(Object.values(simulation.totals.runs).reduce((a, b) => a + b, 0)).toBe(simulation.runs.length);

  const published = await admin.post(`${base}/publish`, { data: { note: "Hold large amounts" } });
  expect(published.status()).toBe(200);
  expect((await published.json()).policy.currentVersion).toMatchObject({ number: 1, note: "Hold large amounts", document });
  expect((await (await viewer.get(`${base}/versions`)).json()).versions).toHaveLength(1);
  expect((await (await viewer.get(`${base}/diff?from=1&to=1`)).json()).diff.changes).toEqual([]);

  const enabled = await admin.delete(base);
  expect(enabled.status()).toBe(409);
  expect((await admin.patch(base, { data: { isEnabled: false } })).status()).toBe(200);
  expect((await admin.delete(base)).status()).toBe(200);
  expect((await admin.get(base)).status()).toBe(404);
  await Promise.all([admin.dispose(), viewer.dispose()]);
});

test("the policy API needs a session", async ({ request }) => {
  const res = await request.get("/api/policies");
  expect(res.status()).toBe(401);
});
