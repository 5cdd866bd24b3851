import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import type { TPrincipal } from "../auth/permissions";
import { ACTIVE_POLICIES_TTL_MS, invalidateActivePolicies, loadActivePolicies, policiesFor } from "./active-policies";
import { createPolicy } from "./create-policy";
import { updatePolicy } from "./edit-policy";
import { savePolicyDraft } from "./policy-draft";
import { publishPolicyDraft } from "./publish-policy";

let t: TTestDb;
let f: TTwoTeams;
let org: TPrincipal;
const ids = { org: "", teamB: "", workflowB: "", disabled: "", unpublished: "", broken: "" };

async function published(name: string, scope: { kind: string; targetId?: string }, document: unknown): Promise<string> {
  const { id } = await createPolicy(t.db, org, { name, scope });
  await savePolicyDraft(t.db, org, id, { document });
  await publishPolicyDraft(t.db, org, id, { note: "v1" });
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase("activepolicies");
  f = await seedTwoTeams(t.db);
  org = await f.principal("org@test.local");
  ids.org = await published("Org PII", { kind: "org" }, { pii: { actions: { email: "redact" } } });
  ids.teamB = await published("Beta models", { kind: "team", targetId: f.teamB }, { models: { deny: { providers: ["x"] } } });
  ids.workflowB = await published("Beta pipeline", { kind: "workflow", targetId: f.workflowB }, { recordPrompts: "hash" });
  ids.disabled = await published("Disabled one", { kind: "org" }, { recordPrompts: "none" });
  await updatePolicy(t.db, org, ids.disabled, { isEnabled: false });
  ids.unpublished = (await createPolicy(t.db, org, { name: "Never published", scope: { kind: "org" } })).id;
  await savePolicyDraft(t.db, org, ids.unpublished, { document: { recordPrompts: "none" } });
  // A version written outside the app (e.g. by an old seed or by hand) that does not parse.
  ids.broken = await published("Alpha broken", { kind: "team", targetId: f.teamA }, { recordPrompts: "hash" });
  const broken = await t.db.policy.findUniqueOrThrow({ where: { id: ids.broken } });
  await t.db.policyVersion.update({
    where: { id: broken.currentVersionId! },
    data: { rules: { content: { patterns: [{ pattern: "(a+)+$" }] }, budget: { amountUsd: 5 } } },
  });
  invalidateActivePolicies();
});
afterAll(async () => t.drop());

describe("loadActivePolicies", () => {
  it("returns the enabled policies with a current version, scoped by their columns, and the unreadable ones apart", async () => {
    const active = await loadActivePolicies(t.db);
    expect(active.policies.map((p) => [p.name, p.version, p.scope])).toEqual([
      ["Beta models", 1, { kind: "team", teamId: f.teamB }],
      ["Beta pipeline", 1, { kind: "workflow", workflowId: f.workflowB }],
      ["Org PII", 1, { kind: "org" }],
    ]);
    expect(active.policies.find((p) => p.name === "Org PII")?.document.pii?.actions).toEqual({ email: "redact" });
    expect(active.invalid).toEqual([
      {
        id: ids.broken,
        name: "Alpha broken",
        version: 1,
        scope: { kind: "team", teamId: f.teamA },
        problems: [
          {
            path: "content.patterns[0].pattern",
            message: "Pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition",
          },
          { path: "(document)", message: 'has unknown field "budget"' },
        ],
        problemText:
          'content.patterns[0].pattern: Pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition\n(document): has unknown field "budget"',
      },
    ]);
  });

  it("gives each context its policies broadest first, and the unreadable ones that cover it", async () => {
    const active = await loadActivePolicies(t.db);
    const forB = policiesFor(active, { teamId: f.teamB, workflowId: f.workflowB });
    expect(forB.policies.map((p) => p.name)).toEqual(["Org PII", "Beta models", "Beta pipeline"]);
    expect(forB.invalid).toEqual([]);
    const forA = policiesFor(active, { teamId: f.teamA, workflowId: f.workflowA });
    expect(forA.policies.map((p) => p.name)).toEqual(["Org PII"]);
    expect(forA.invalid.map((p) => p.name)).toEqual(["Alpha broken"]);
  });

  it("takes contradictory scope columns as the owning team's, or the organisation's, and reports them", async () => {
    const row = await t.db.policy.findUniqueOrThrow({ where: { id: ids.workflowB } });
    await t.db.policy.update({ where: { id: row.id }, data: { workflowId: null } });
    invalidateActivePolicies(t.db);
    const active = await loadActivePolicies(t.db);
    expect(active.invalid.find((p) => p.id === row.id)).toMatchObject({
      scope: { kind: "team", teamId: f.teamB },
      problemText: '(scope): the scope "workflow" names no workflow',
    });
    await t.db.policy.update({ where: { id: row.id }, data: { workflowId: f.workflowB } });
    invalidateActivePolicies(t.db);
  });

  it("serves a cached read for up to the TTL; a write through this module is seen at once, one outside it after the TTL", async () => {
    const first = await loadActivePolicies(t.db);
    expect(await loadActivePolicies(t.db)).toBe(first);
    // Outside the module (another process, in effect): not seen until the cache expires.
    await t.db.policy.update({ where: { id: ids.teamB }, data: { isEnabled: false } });
    expect((await loadActivePolicies(t.db)).policies.map((p) => p.name)).toContain("Beta models");
    await sleep(ACTIVE_POLICIES_TTL_MS + 50);
    const expired = await loadActivePolicies(t.db);
    expect(expired).not.toBe(first);
    expect(expired.policies.map((p) => p.name)).not.toContain("Beta models");
    // Through the module: invalidated on commit.
    await updatePolicy(t.db, org, ids.teamB, { isEnabled: true });
    expect((await loadActivePolicies(t.db)).policies.map((p) => p.name)).toContain("Beta models");
    await savePolicyDraft(t.db, org, ids.teamB, { document: { models: { deny: { providers: ["y"] } } } });
    await publishPolicyDraft(t.db, org, ids.teamB, { note: "deny y" });
    expect((await loadActivePolicies(t.db)).policies.find((p) => p.name === "Beta models")).toMatchObject({
      version: 2,
      document: { models: { deny: { providers: ["y"] } } },
    });
  });
});
