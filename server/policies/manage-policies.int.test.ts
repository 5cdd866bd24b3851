import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import type { TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { createPolicy } from "./create-policy";
import { deletePolicy, updatePolicy } from "./edit-policy";
import { getPolicy } from "./get-policy";
import { discardPolicyDraft, savePolicyDraft } from "./policy-draft";
import { diffPolicyVersions, getPolicyVersion, listPolicyVersions } from "./policy-versions";
import { publishPolicyDraft, rollbackPolicy } from "./publish-policy";

let t: TTestDb;
let f: TTwoTeams;
let org: TPrincipal;
let adminB: TPrincipal;
let builderB: TPrincipal;
let viewerA: TPrincipal;

beforeAll(async () => {
  t = await createTestDatabase("policymanage");
  f = await seedTwoTeams(t.db);
  org = await f.principal("org@test.local");
  adminB = await f.principal("admin-b@test.local");
  builderB = await f.principal("both@test.local");
  viewerA = await f.principal("viewer-a@test.local");
});
afterAll(async () => t.drop());

/** The AppError a call fails with: status, message, issues. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

const auditOf = (policyId: string) =>
  t.db.auditEvent.findMany({ where: { resourceType: "policy", resourceId: policyId }, orderBy: { seq: "asc" } });

const PII = { pii: { actions: { email: "redact" } } };
const MODELS = { models: { allow: { providers: ["openai"] } } };

describe("creating policies", () => {
  it("creates a team's policy for its admin, storing the owning team of a workflow scope, audited", async () => {
    const policy = await createPolicy(t.db, adminB, { name: "Beta pipeline rules", scope: { kind: "workflow", targetId: f.workflowB } });
    expect(policy).toMatchObject({
      name: "Beta pipeline rules",
      isEnabled: true,
      currentVersion: null,
      draft: null,
      canWrite: true,
      scope: { kind: "workflow", targetId: f.workflowB, targetName: "Beta secret pipeline", teamId: f.teamB, label: "Workflow Beta secret pipeline (Beta)" },
    });
    const row = await t.db.policy.findUniqueOrThrow({ where: { id: policy.id } });
    expect(row).toMatchObject({ scope: "workflow", teamId: f.teamB, workflowId: f.workflowB, agentId: null, apiKeyId: null });
    const [event] = await auditOf(policy.id);
    expect(event).toMatchObject({ action: "policy.created", actorId: adminB.id, teamId: f.teamB });
    expect(event?.data).toMatchObject({ before: null, after: { name: "Beta pipeline rules", scope: { kind: "workflow", workflowId: f.workflowB } } });
  });

  it("lets only the organisation admin create organisation policies, and only team admins their team's", async () => {
    expect(await refusal(createPolicy(t.db, adminB, { name: "Org by team admin", scope: { kind: "org" } }))).toMatchObject({
      status: 403,
      message: "Only an organisation admin can change organisation policies.",
    });
    expect(await refusal(createPolicy(t.db, builderB, { name: "Beta by builder", scope: { kind: "team", targetId: f.teamB } }))).toMatchObject({
      status: 403,
      message: 'Only an admin of the team "Beta" or an organisation admin can change its policies.',
    });
    const created = await createPolicy(t.db, org, { name: "Org baseline", scope: { kind: "org" } });
    expect(created.scope).toMatchObject({ kind: "org", teamId: null, label: "Organisation" });
    expect(await t.db.policy.count({ where: { name: { in: ["Org by team admin", "Beta by builder"] } } })).toBe(0);
  });

  it("refuses unknown scopes and targets, and another team's ids, with the field and the reason", async () => {
    expect(await refusal(createPolicy(t.db, org, { name: "X", scope: { kind: "planet" } }))).toMatchObject({
      status: 400,
      issues: [{ path: "scope.kind", message: 'Unknown scope "planet": use "org", "team", "workflow", "agent" or "api_key"' }],
    });
    expect(await refusal(createPolicy(t.db, org, { name: "X", scope: { kind: "team" } }))).toMatchObject({
      status: 400,
      issues: [{ path: "scope.targetId", message: "Say which team the policy applies to (its id)." }],
    });
    expect(await refusal(createPolicy(t.db, org, { name: "X", scope: { kind: "org", targetId: f.teamA } }))).toMatchObject({
      status: 400,
      issues: [{ path: "scope.targetId", message: "An organisation policy applies everywhere: leave the target out." }],
    });
    expect(await refusal(createPolicy(t.db, org, { name: "X", scope: { kind: "agent", targetId: "no-such-agent" } }))).toMatchObject({
      status: 400,
      message: 'No agent with the id "no-such-agent" exists in your teams.',
      issues: [{ path: "scope.targetId", message: "No agent with this id exists in your teams." }],
    });
    // Team A's workflow is not found for an admin of team B: its existence is not revealed.
    expect(await refusal(createPolicy(t.db, adminB, { name: "X", scope: { kind: "workflow", targetId: f.workflowA } }))).toMatchObject({
      status: 400,
      message: `No workflow with the id "${f.workflowA}" exists in your teams.`,
    });
    expect(await refusal(createPolicy(t.db, org, { name: "Org baseline", scope: { kind: "org" } }))).toMatchObject({
      status: 409,
      message: 'A policy named "Org baseline" already exists: policy names are unique across the organisation.',
    });
    expect(await t.db.policy.count({ where: { name: "X" } })).toBe(0);
  });
});

describe("reading policies", () => {
  it("shows the organisation's and the person's teams' policies; another team's is not found", async () => {
    const beta = await t.db.policy.findUniqueOrThrow({ where: { name: "Beta pipeline rules" } });
    const orgPolicy = await t.db.policy.findUniqueOrThrow({ where: { name: "Org baseline" } });
    expect(await refusal(getPolicy(t.db, viewerA, beta.id))).toMatchObject({ status: 404, message: "This policy does not exist, or you cannot see it." });
    expect(await getPolicy(t.db, viewerA, orgPolicy.id)).toMatchObject({ name: "Org baseline", canWrite: false });
    expect(await getPolicy(t.db, builderB, beta.id)).toMatchObject({ canWrite: false });
    expect(await getPolicy(t.db, org, beta.id)).toMatchObject({ canWrite: true });
    expect(await refusal(getPolicy(t.db, org, "%00"))).toMatchObject({ status: 404 });
    expect(await refusal(savePolicyDraft(t.db, viewerA, orgPolicy.id, { document: PII }))).toMatchObject({
      status: 403,
      message: "Only an organisation admin can change organisation policies.",
    });
  });
});

describe("drafts, versions and rollback", () => {
  let id: string;
  beforeAll(async () => {
    id = (await createPolicy(t.db, adminB, { name: "Beta team rules", scope: { kind: "team", targetId: f.teamB } })).id;
  });

  it("refuses an invalid document with every problem and leaves the stored draft as it was", async () => {
    await savePolicyDraft(t.db, adminB, id, { document: PII });
    const bad = {
      approvalWhen: { condition: "trigger.body.amount >" },
      content: { patterns: [{ pattern: "(a+)+$" }] },
      modles: {},
    };
    const refused = await refusal(savePolicyDraft(t.db, adminB, id, { document: bad }));
    expect(refused.status).toBe(400);
    expect(refused.issues).toEqual([
      {
        path: "content.patterns[0].pattern",
        message: "Pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition",
      },
      { path: "approvalWhen.condition", message: "Condition is not a valid JSONata expression: Unexpected end of expression at position 21" },
      { path: "(document)", message: 'has unknown field "modles"' },
    ]);
    expect(refused.message).toMatch(/^The policy document has 3 problems, so it was not saved:\ncontent\.patterns\[0\]\.pattern: Pattern repeats/);
    const row = await t.db.policy.findUniqueOrThrow({ where: { id } });
    expect(row.draftRules).toMatchObject(PII);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(["policy.created", "policy.draft_saved"]);
  });

  it("publishes the draft as version 1 with its note, clears the draft, and refuses to publish nothing", async () => {
    expect(await refusal(publishPolicyDraft(t.db, adminB, id, { note: "" }))).toMatchObject({ status: 400, issues: [{ path: "note", message: "Say what changed in a note" }] });
    const published = await publishPolicyDraft(t.db, adminB, id, { note: "Redact e-mail addresses" });
    expect(published.currentVersion).toMatchObject({ number: 1, note: "Redact e-mail addresses", isCurrent: true, problems: [] });
    expect(published.currentVersion?.document).toMatchObject({ pii: { actions: { email: "redact" }, appliesTo: ["prompt", "completion"] } });
    expect(published.draft).toBeNull();
    expect(await refusal(publishPolicyDraft(t.db, adminB, id, { note: "again" }))).toMatchObject({
      status: 409,
      message: "There is no draft to publish: save a draft first.",
    });
    // A draft equal to the current version is no draft.
    expect((await savePolicyDraft(t.db, adminB, id, { document: PII })).draft).toBeNull();
    const event = (await auditOf(id)).at(-1);
    expect(event?.action).toBe("policy.published");
    expect(event?.data).toMatchObject({ before: null, after: { version: 1, note: "Redact e-mail addresses", document: { pii: { actions: { email: "redact" } } } } });
  });

  it("refuses a draft with no rules, and a stale publish", async () => {
    await savePolicyDraft(t.db, adminB, id, { document: {} });
    expect(await refusal(publishPolicyDraft(t.db, adminB, id, { note: "empty" }))).toMatchObject({
      status: 400,
      message: expect.stringContaining("The document has no rules, so publishing it would enforce nothing"),
    });
    const saved = await savePolicyDraft(t.db, adminB, id, { document: { ...PII, ...MODELS } });
    expect(await refusal(publishPolicyDraft(t.db, adminB, id, { note: "stale", draftUpdatedAt: "2020-01-01T00:00:00.000Z" }))).toMatchObject({
      status: 409,
      message: "Someone saved this policy's draft after you loaded it. Reload to see their changes, then publish again.",
    });
    const v2 = await publishPolicyDraft(t.db, adminB, id, { note: "OpenAI only", draftUpdatedAt: saved.draft?.updatedAt });
    expect(v2.currentVersion?.number).toBe(2);
  });

  it("lists versions, shows one, and diffs two or a version and the draft", async () => {
    expect((await listPolicyVersions(t.db, viewerA, id).catch((e: unknown) => e)) instanceof AppError).toBe(true);
    const versions = await listPolicyVersions(t.db, builderB, id);
    expect(versions.map((v) => [v.number, v.note, v.isCurrent, v.createdByName])).toEqual([
      [2, "OpenAI only", true, "admin-b"],
      [1, "Redact e-mail addresses", false, "admin-b"],
    ]);
    expect(await getPolicyVersion(t.db, builderB, id, "1")).toMatchObject({ number: 1, isCurrent: false, document: { pii: { actions: { email: "redact" } } } });
    expect(await refusal(getPolicyVersion(t.db, builderB, id, "9"))).toMatchObject({ status: 404, message: "This policy has no version 9." });
    expect(await refusal(getPolicyVersion(t.db, builderB, id, "x"))).toMatchObject({ status: 400 });
    expect((await diffPolicyVersions(t.db, builderB, id, { from: "1", to: "2" })).changes).toEqual([
      { kind: "added", path: "models", after: { allow: { providers: ["openai"] } } },
    ]);
    expect(await refusal(diffPolicyVersions(t.db, builderB, id, { from: "1", to: "draft" }))).toMatchObject({
      status: 404,
      message: "This policy has no draft to compare.",
    });
    await savePolicyDraft(t.db, adminB, id, { document: { models: { allow: { providers: ["openai", "anthropic"] } } } });
    // Stored documents are jsonb, which orders keys by length first: "pii" comes before "models".
    expect((await diffPolicyVersions(t.db, builderB, id, { from: "2", to: "draft" })).changes).toEqual([
      { kind: "removed", path: "pii", before: expect.objectContaining({ actions: { email: "redact" } }) },
      { kind: "changed", path: "models.allow.providers", before: ["openai"], after: ["openai", "anthropic"] },
    ]);
    expect(await refusal(diffPolicyVersions(t.db, builderB, id, { from: "2" }))).toMatchObject({ status: 400 });
    await discardPolicyDraft(t.db, adminB, id);
  });

  it("rolls back by publishing a copy of an earlier version, keeping the draft", async () => {
    await savePolicyDraft(t.db, adminB, id, { document: MODELS });
    const rolled = await rollbackPolicy(t.db, adminB, id, "1");
    expect(rolled.currentVersion).toMatchObject({ number: 3, note: "Rolled back to v1", document: (await getPolicyVersion(t.db, adminB, id, "1")).document });
    expect(rolled.draft?.document).toEqual(MODELS);
    expect(await refusal(rollbackPolicy(t.db, adminB, id, "3"))).toMatchObject({
      status: 409,
      message: "Version 3 is the same as the current version v3: there is nothing to roll back.",
    });
    expect(await refusal(rollbackPolicy(t.db, adminB, id, "1"))).toMatchObject({ status: 409 });
    expect(await refusal(rollbackPolicy(t.db, builderB, id, "2"))).toMatchObject({ status: 403 });
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: "policy.rolled_back", data: expect.objectContaining({ rolledBackTo: 1 }) });
  });

  it("saves nothing when a publish fails midway: no version, the draft and current version as they were, no audit event", async () => {
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.note = 'boom' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_boom BEFORE INSERT ON "PolicyVersion" FOR EACH ROW EXECUTE FUNCTION test_refuse_boom()`);
    const before = await t.db.policy.findUniqueOrThrow({ where: { id } });
    const events = (await auditOf(id)).length;
    await expect(publishPolicyDraft(t.db, adminB, id, { note: "boom" })).rejects.toThrow();
    const after = await t.db.policy.findUniqueOrThrow({ where: { id } });
    expect([after.currentVersionId, after.draftRules, after.updatedAt]).toEqual([before.currentVersionId, before.draftRules, before.updatedAt]);
    expect(await t.db.policyVersion.count({ where: { policyId: id } })).toBe(3);
    expect((await auditOf(id)).length).toBe(events);
    await t.db.$executeRawUnsafe(`DROP TRIGGER test_refuse_boom ON "PolicyVersion"`);
  });

  it("gives concurrent publishes of one draft one version", async () => {
    const results = await Promise.allSettled([1, 2, 3].map((n) => publishPolicyDraft(t.db, adminB, id, { note: `race ${n}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as AppError] : []));
    expect(failures.map((e) => e.message)).toEqual(Array(2).fill("There is no draft to publish: save a draft first."));
    expect((await listPolicyVersions(t.db, adminB, id)).map((v) => v.number)).toEqual([4, 3, 2, 1]);
  });
});

describe("editing and deleting", () => {
  it("renames, describes, enables and disables with before and after audited; deletes only a disabled policy", async () => {
    const { id } = await createPolicy(t.db, adminB, { name: "Beta temp", scope: { kind: "team", targetId: f.teamB } });
    await savePolicyDraft(t.db, adminB, id, { document: MODELS });
    await publishPolicyDraft(t.db, adminB, id, { note: "v1" });
    expect(await refusal(updatePolicy(t.db, adminB, id, { name: "Org baseline" }))).toMatchObject({ status: 409 });
    expect(await refusal(updatePolicy(t.db, adminB, id, {}))).toMatchObject({ status: 400 });
    const renamed = await updatePolicy(t.db, adminB, id, { name: "Beta temporary", description: "For a week" });
    expect(renamed).toMatchObject({ name: "Beta temporary", description: "For a week", isEnabled: true });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: "policy.updated",
      data: expect.objectContaining({ before: { name: "Beta temp", description: "", isEnabled: true }, after: { name: "Beta temporary", description: "For a week", isEnabled: true } }),
    });
    expect(await refusal(deletePolicy(t.db, adminB, id))).toMatchObject({
      status: 409,
      message: 'The policy "Beta temporary" is enabled: disable it before deleting it.',
    });
    expect(await refusal(updatePolicy(t.db, builderB, id, { isEnabled: false }))).toMatchObject({ status: 403 });
    await updatePolicy(t.db, adminB, id, { isEnabled: false });
    expect(await deletePolicy(t.db, adminB, id)).toEqual({ id, isDeleted: true });
    expect(await t.db.policy.findUnique({ where: { id } })).toBeNull();
    expect(await t.db.policyVersion.count({ where: { policyId: id } })).toBe(0);
    const last = (await auditOf(id)).at(-1);
    expect(last).toMatchObject({ action: "policy.deleted", data: expect.objectContaining({ after: null }) });
    expect((last?.data as { before: { versions: unknown[] } }).before.versions).toHaveLength(1);
    expect(await refusal(getPolicy(t.db, org, id))).toMatchObject({ status: 404 });
  });
});
