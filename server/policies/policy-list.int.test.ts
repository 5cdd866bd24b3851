import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { createPolicy } from "./create-policy";
import { updatePolicy } from "./edit-policy";
import { listPolicies } from "./list-policies";
import { savePolicyDraft } from "./policy-draft";
import { publishPolicyDraft } from "./publish-policy";

// The Policies page's list says what each policy is: where it applies, which version is in force, whether a draft
// waits, whether it is on, and whether its document can be read at all.

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("policylist");
  f = await seedTwoTeams(t.db);
  const org = await f.principal("org@test.local");
  const orgPolicy = await createPolicy(t.db, org, { name: "Org PII", scope: { kind: "org" } });
  await savePolicyDraft(t.db, org, orgPolicy.id, { document: { pii: { actions: { email: "redact" } } } });
  await publishPolicyDraft(t.db, org, orgPolicy.id, { note: "v1" });
  await savePolicyDraft(t.db, org, orgPolicy.id, { document: { pii: { actions: { email: "block" } } } });
  const wf = await createPolicy(t.db, org, { name: "Alpha triage rules", scope: { kind: "workflow", targetId: f.workflowA } });
  await updatePolicy(t.db, org, wf.id, { isEnabled: false });
  const beta = await createPolicy(t.db, org, { name: "Beta broken", scope: { kind: "team", targetId: f.teamB } });
  await t.db.policyVersion.create({ data: { policyId: beta.id, number: 1, rules: { recordPrompts: "sometimes" } } }).then((v) =>
    t.db.policy.update({ where: { id: beta.id }, data: { currentVersionId: v.id } }),
  );
});
afterAll(async () => t.drop());

describe("listPolicies", () => {
  it("shows each policy's scope with its target, version, draft, state and readability", async () => {
    const items = await listPolicies(t.db, await f.principal("org@test.local"));
    expect(items.map((p) => [p.name, p.scope.label, p.isEnabled, p.currentVersion, p.hasDraft, p.problem])).toEqual([
      ["Alpha triage rules", "Workflow Alpha triage (Alpha)", false, null, false, null],
      ["Beta broken", "Team Beta", true, 1, false, 'recordPrompts: must be one of "full", "hash", "none", not "sometimes"'],
      ["Org PII", "Organisation", true, 1, true, null],
    ]);
    expect(items[0]?.scope).toMatchObject({ kind: "workflow", targetId: f.workflowA, targetName: "Alpha triage", teamName: "Alpha" });
  });

  it("shows a team member the organisation's and their team's policies only", async () => {
    const items = await listPolicies(t.db, await f.principal("viewer-a@test.local"));
    expect(items.map((p) => p.name)).toEqual(["Alpha triage rules", "Org PII"]);
  });
});
