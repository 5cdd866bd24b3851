import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { loadPrincipal } from "../auth/principal";
import { authorizeApiCaller, resolveApiCaller } from "../auth/api-caller";
import type { TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { getRun } from "../runs/get-run";
import { startManualRun } from "../runs/start-manual-run";
import { LAST_USED_RESOLUTION_MS } from "./authenticate-api-key";
import { apiKeyFormOptions, listApiKeys } from "./list-api-keys";
import { createApiKey, revokeApiKey } from "./manage-api-keys";
import type { TCreateApiKey } from "./api-key.shared";

// API keys end to end below the HTTP layer: requireApi is resolveApiCaller + authorizeApiCaller with the request's
// Authorization header and cookie names, which is what these tests pass.
let h: THarness;
let workflowId: string;
let otherTeamWorkflowId: string;
let builder: TPrincipal;
let orgAdmin: TPrincipal;

const noSession = async () => null;
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}`, cookieNames: [] });
const asKey = (secret: string, now?: Date) => resolveApiCaller(h.t.db, bearer(secret), noSession, now);
const deps = () => ({ db: h.t.db, redis: h.redis });

async function principalOf(email: string): Promise<TPrincipal> {
  const user = await h.t.db.user.findUniqueOrThrow({ where: { email } });
  const principal = await loadPrincipal(h.t.db, user.id);
  if (!principal) throw new Error(`no principal for ${email}`);
  return principal;
}

async function keyFor(who: TPrincipal, input: Partial<TCreateApiKey> = {}) {
  return createApiKey(h.t.db, who, { name: "CI", teamId: h.teamId, scopes: ["runs:write"], ...input });
}

beforeAll(async () => {
  h = await startHarness("apikeys");
  workflowId = await h.publish(
    graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "trigger.body.x * 2" } } }, ["t>out"]),
    { name: "Double" },
  );
  const other = await h.t.db.team.create({ data: { slug: "other", name: "Other" } });
  const wf = await h.t.db.workflow.create({ data: { teamId: other.id, name: "Elsewhere", status: "published", draftGraph: {}, webhookSecret: "x" } });
  otherTeamWorkflowId = wf.id;
  await h.t.db.user.create({
    data: { email: "bob@example.com", name: "Bob", memberships: { create: [{ teamId: h.teamId, role: "builder" }, { teamId: other.id, role: "viewer" }] } },
  });
  await h.t.db.user.create({ data: { email: "olga@example.com", name: "Olga", isOrgAdmin: true } });
  builder = await principalOf("bob@example.com");
  orgAdmin = await principalOf("olga@example.com");
});
afterAll(async () => h.close());

describe("creating a key", () => {
  it("stores only a SHA-256 hash and the prefix, and returns the secret once", async () => {
    const { apiKey, secret } = await keyFor(builder, { name: "Ticketing" });
    expect(secret).toMatch(/^bk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`bk_${apiKey.prefix}_`)).toBe(true);
    const row = await h.t.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    const secretPart = secret.slice(`bk_${apiKey.prefix}_`.length);
    expect(JSON.stringify(row)).not.toContain(secretPart);

    // Nothing that lists or audits keys carries the secret or its hash.
    const listed = await listApiKeys(h.t.db, builder);
    const item = listed.find((k) => k.id === apiKey.id);
    expect(item).toMatchObject({ name: "Ticketing", prefix: apiKey.prefix, status: "active", scopes: ["runs:write"], createdByName: "Bob" });
    expect(Object.keys(item ?? {})).not.toContain("secret");
    expect(JSON.stringify(listed)).not.toContain(secretPart);
    expect(JSON.stringify(listed)).not.toContain(row.hash);
    const created = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "api_key.created", resourceId: apiKey.id } });
    expect(created).toMatchObject({ actorType: "user", actorId: builder.id, teamId: h.teamId });
    expect(created.data).toMatchObject({ before: null, after: { name: "Ticketing", prefix: apiKey.prefix, scopes: ["runs:write"], revokedAt: null } });
    expect(JSON.stringify(created.data)).not.toContain(secretPart);
    expect(JSON.stringify(created.data)).not.toContain(row.hash);
  });

  it("refuses a builder the admin scope with a 403, and saves nothing", async () => {
    const [keys, events] = await Promise.all([h.t.db.apiKey.count(), h.t.db.auditEvent.count()]);
    const refused = await errorOf(keyFor(builder, { scopes: ["runs:write", "admin"] }));
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain(`Only admins of Ops and organisation admins may create keys with the "admin" scope.`);
    // Nor for a team where they are a viewer.
    const other = await h.t.db.team.findUniqueOrThrow({ where: { slug: "other" } });
    expect((await errorOf(keyFor(builder, { teamId: other.id, scopes: ["workflows:read"] })))?.status).toBe(403);
    expect(await h.t.db.apiKey.count()).toBe(keys);
    expect(await h.t.db.auditEvent.count()).toBe(events);
  });

  it("lets team admins give the admin scope; the organisation admin only what they may do in the team", async () => {
    await expect(keyFor(h.principal, { scopes: ["admin", "workflows:read"] })).resolves.toMatchObject({ apiKey: { scopes: ["admin", "workflows:read"] } });
    await expect(keyFor(orgAdmin, { scopes: ["admin"] })).resolves.toMatchObject({ apiKey: { scopes: ["admin"] } });
    // The organisation admin is no member of Ops: they may not run its workflows, so neither may their key.
    const refused = await errorOf(keyFor(orgAdmin, { scopes: ["runs:write"] }));
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain(`cannot give a key "runs:write"`);
    const options = await apiKeyFormOptions(h.t.db, builder);
    expect(options.map((o) => [o.name, o.grantableScopes])).toEqual([["Ops", ["runs:write", "workflows:read", "gateway"]]]);
    expect(options[0]?.publishedWorkflows.map((w) => w.name)).toContain("Double");
  });

  it("refuses a key for an archived team, also to the organisation admin, and saves nothing", async () => {
    const archived = await h.t.db.team.create({ data: { slug: "gone", name: "Gone", archivedAt: new Date() } });
    const keys = await h.t.db.apiKey.count();
    const refused = await errorOf(keyFor(orgAdmin, { teamId: archived.id, scopes: ["admin"] }));
    expect(refused?.status).toBe(409);
    expect(refused?.message).toContain("Team Gone is archived");
    expect(await h.t.db.apiKey.count()).toBe(keys);
  });

  it("refuses an expiry in the past, an unknown scope and an empty name with a 400", async () => {
    const past = await errorOf(keyFor(builder, { expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(past).toMatchObject({ status: 400, issues: [{ path: "expiresAt", message: "The expiry must lie in the future." }] });
    const bad = await errorOf(createApiKey(h.t.db, builder, { name: " ", teamId: h.teamId, scopes: ["runs:delete"] }));
    expect(bad?.status).toBe(400);
    expect(bad?.issues.map((i) => i.path).sort()).toEqual(["name", "scopes.0"]);
  });
});

describe("authenticating with a key", () => {
  it("starts a run with runs:write; the run is audited as the key's", async () => {
    const { apiKey, secret } = await keyFor(builder, { name: "Nightly job" });
    const principal = authorizeApiCaller(await asKey(secret), "workflow:run");
    expect(principal.apiKey).toMatchObject({ id: apiKey.id, teamId: h.teamId, scopes: ["runs:write"] });
    const { runId } = await startManualRun(deps(), principal, workflowId, { input: { x: 21 } });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: 42 });
    const queued = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "run.queued", resourceId: runId } });
    expect(queued).toMatchObject({ actorType: "api_key", actorId: apiKey.id, actorLabel: `Nightly job (bk_${apiKey.prefix}…)` });
    // runs:write does not read runs: that is workflows:read.
    expect((await errorOf(getRun(h.t.db, principal, runId)))?.status).toBe(404);
  });

  it("refuses workflows:read a run with a 403 naming the missing scope, and lets it read runs", async () => {
    const { secret } = await keyFor(builder, { scopes: ["workflows:read"] });
    const principal = await asKey(secret);
    const refused = await errorOf(startManualRun(deps(), principal!, workflowId, {}));
    expect(refused?.status).toBe(403);
    expect(refused?.message).toBe(`This API key lacks the scope "runs:write", which this needs (workflow:run).`);
    expect(() => authorizeApiCaller(principal, "workflow:run")).toThrow(`lacks the scope "runs:write"`);
    const runId = await h.start(workflowId, { x: 1 });
    await expect(getRun(h.t.db, principal!, runId)).resolves.toMatchObject({ id: runId });
  });

  it("acts only in its own team", async () => {
    const { secret } = await keyFor(builder, { scopes: ["runs:write", "workflows:read"] });
    const refused = await errorOf(startManualRun(deps(), (await asKey(secret))!, otherTeamWorkflowId, {}));
    expect(refused?.status).toBe(404);
  });

  it("keeps people's acts for people: routes without an action and deciding approvals refuse keys", async () => {
    const { secret } = await keyFor(h.principal, { scopes: ["runs:write", "workflows:read", "admin"] });
    const principal = await asKey(secret);
    expect(() => authorizeApiCaller(principal)).toThrow("API keys cannot call this endpoint: it is for people signed in to Baton.");
    expect(() => authorizeApiCaller(principal, "approval:decide")).toThrow("API keys cannot do this (approval:decide)");
    expect(() => authorizeApiCaller(principal, "apikey:manage")).toThrow("API keys cannot do this (apikey:manage)");
    // A team admin's admin key administers the team but holds no organisation action.
    expect(authorizeApiCaller(principal, "team:administer", { teamId: h.teamId }).apiKey?.scopes).toContain("admin");
    expect(() => authorizeApiCaller(principal, "settings:write")).toThrow(/organisation admin|may not do this/);
  });

  it("refuses a key sent together with a session cookie", async () => {
    const { secret } = await keyFor(builder);
    const both = resolveApiCaller(h.t.db, { authorization: `Bearer ${secret}`, cookieNames: ["next-auth.session-token"] }, async () => builder);
    await expect(both).rejects.toMatchObject({ status: 400, message: expect.stringContaining("both an API key and a Baton session cookie") });
  });

  it("answers 401 saying whether the key is malformed, not valid, revoked or expired", async () => {
    const reasonOf = async (authorization: string, now?: Date) => {
      const error = await errorOf(resolveApiCaller(h.t.db, { authorization, cookieNames: [] }, noSession, now));
      return { status: error?.status, reason: error?.details?.reason, message: error?.message };
    };
    expect(await reasonOf("Basic Ym9iOnNlY3JldA==")).toMatchObject({ status: 401, reason: "malformed" });
    expect(await reasonOf("Bearer not-a-key")).toMatchObject({ status: 401, reason: "malformed" });

    const { apiKey, secret } = await keyFor(builder, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const unknown = await reasonOf(`Bearer bk_000000000000_${"A".repeat(43)}`);
    const wrongSecret = await reasonOf(`Bearer bk_${apiKey.prefix}_${"A".repeat(43)}`);
    expect(unknown).toMatchObject({ status: 401, reason: "not_valid" });
    // A real prefix with a wrong secret is answered exactly like an unknown key.
    expect(wrongSecret).toEqual(unknown);

    const expired = await reasonOf(`Bearer ${secret}`, new Date(Date.now() + 120_000));
    expect(expired).toMatchObject({ status: 401, reason: "expired", message: expect.stringContaining("This API key expired on") });

    await revokeApiKey(h.t.db, builder, apiKey.id);
    expect(await reasonOf(`Bearer ${secret}`)).toMatchObject({ status: 401, reason: "revoked", message: expect.stringContaining("This API key was revoked on") });
  });

  it("records when a key was last used, at most once a minute", async () => {
    const { apiKey, secret } = await keyFor(builder);
    const lastUsed = async () => (await h.t.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.getTime() ?? null;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date(Date.now() + 1000);
    await asKey(secret, t0);
    expect(await lastUsed()).toBe(t0.getTime());
    await asKey(secret, new Date(t0.getTime() + 10_000));
    expect(await lastUsed()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1000);
    await asKey(secret, later);
    expect(await lastUsed()).toBe(later.getTime());
    expect((await listApiKeys(h.t.db, builder)).find((k) => k.id === apiKey.id)?.lastUsedAt).toBe(later.toISOString());
  });

  it("can do no more than its creator now: a demoted creator's key loses runs:write, a removed one's stops", async () => {
    const carl = await h.t.db.user.create({ data: { email: "carl@example.com", name: "Carl", memberships: { create: { teamId: h.teamId, role: "builder" } } } });
    const { secret } = await keyFor((await loadPrincipal(h.t.db, carl.id))!, { scopes: ["runs:write", "workflows:read"] });
    await h.t.db.membership.updateMany({ where: { userId: carl.id }, data: { role: "viewer" } });
    const demoted = await asKey(secret);
    expect(() => authorizeApiCaller(demoted, "workflow:run", { teamId: h.teamId })).toThrow("may not do this (workflow:run) in its team now");
    expect(authorizeApiCaller(demoted, "run:read", { teamId: h.teamId }).id).toBe(carl.id);
    await h.t.db.membership.deleteMany({ where: { userId: carl.id } });
    await expect(asKey(secret)).rejects.toMatchObject({ status: 401, details: { reason: "creator_left_team" } });
    await h.t.db.user.update({ where: { id: carl.id }, data: { isActive: false } });
    await expect(asKey(secret)).rejects.toMatchObject({ status: 401, details: { reason: "creator_inactive" } });
  });
});

describe("revoking a key", () => {
  it("keeps the row, audits before and after, and refuses a second revoke with a 409", async () => {
    const { apiKey } = await keyFor(builder, { name: "Old CI" });
    const revoked = await revokeApiKey(h.t.db, builder, apiKey.id);
    expect(revoked).toMatchObject({ id: apiKey.id, status: "revoked", canRevoke: false });
    expect(await h.t.db.apiKey.findUnique({ where: { id: apiKey.id } })).not.toBeNull();
    const event = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "api_key.revoked", resourceId: apiKey.id } });
    expect(event).toMatchObject({ actorType: "user", actorId: builder.id });
    expect(event.data).toMatchObject({ before: { name: "Old CI", revokedAt: null }, after: { name: "Old CI", revokedAt: revoked.revokedAt } });
    expect((await errorOf(revokeApiKey(h.t.db, builder, apiKey.id)))?.status).toBe(409);
  });

  it("lets a builder revoke their team's keys but not one with the admin scope, and hides other teams' keys", async () => {
    const { apiKey } = await keyFor(h.principal, { scopes: ["admin"] });
    expect((await listApiKeys(h.t.db, builder)).find((k) => k.id === apiKey.id)).toMatchObject({ canRevoke: false });
    expect((await errorOf(revokeApiKey(h.t.db, builder, apiKey.id)))?.status).toBe(403);
    const viewer = await h.t.db.user.create({ data: { email: "vic@example.com", name: "Vic", memberships: { create: { teamId: h.teamId, role: "viewer" } } } });
    expect((await errorOf(revokeApiKey(h.t.db, (await loadPrincipal(h.t.db, viewer.id))!, apiKey.id)))?.status).toBe(404);
    expect((await errorOf(revokeApiKey(h.t.db, builder, "no-such-key")))?.status).toBe(404);
    await expect(revokeApiKey(h.t.db, h.principal, apiKey.id)).resolves.toMatchObject({ status: "revoked" });
  });
});
