// The Baseline governance policy is written by the demo seed, not by a person: its version says so (generated, no
// author), on a fresh seed and — through the migration that added the flag — on an installation seeded before.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { loadPrincipal } from "../auth/principal";
import type { TPrincipal } from "../auth/permissions";
import { policyDetail } from "../policies/get-policy";
import { listPolicyVersions } from "../policies/policy-versions";
import { seedDemo } from "./index";
import { BASELINE_POLICY, BASELINE_RULES } from "./seed-governance";

let t: TTestDb;
let admin: TPrincipal;

beforeAll(async () => {
  t = await createTestDatabase("seedauthor");
  await seedDemo(t.db, { historyDays: 0 });
  const user = await t.db.user.findUniqueOrThrow({ where: { email: "admin@baton.local" } });
  admin = (await loadPrincipal(t.db, user.id))!;
}, 120_000);
afterAll(async () => t.drop());

function attributionStatement(): string {
  const dir = readdirSync("prisma/migrations").find((d) => d.endsWith("_budget_alert_dismissals_generated_policy_versions"));
  const sql = readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8");
  const start = sql.indexOf(`UPDATE "PolicyVersion"`);
  expect(start).toBeGreaterThan(0);
  return sql.slice(start);
}

describe("demo seed: who wrote the Baseline policy", () => {
  it("records its version as the demo seed's: generated, no person, and shows it so", async () => {
    const policy = await t.db.policy.findUniqueOrThrow({ where: { name: BASELINE_POLICY }, include: { currentVersion: true } });
    expect(policy.createdById).toBeNull();
    expect(policy.currentVersion).toMatchObject({ number: 1, isGenerated: true, createdById: null, note: "Published by the demo seed" });
    const detail = await policyDetail(t.db, admin, policy.id);
    expect(detail.currentVersion).toMatchObject({ createdByName: null, isGenerated: true, note: "Published by the demo seed" });
    expect(await listPolicyVersions(t.db, admin, policy.id)).toEqual([
      expect.objectContaining({ number: 1, createdByName: null, isGenerated: true, isCurrent: true }),
    ]);
  });

  it("the migration re-attributes a version an earlier seed wrote as the demo admin's, and no version a person published", async () => {
    const policy = await t.db.policy.findUniqueOrThrow({ where: { name: BASELINE_POLICY } });
    // As earlier seeds wrote it.
    await t.db.policyVersion.update({ where: { policyId_number: { policyId: policy.id, number: 1 } }, data: { isGenerated: false, createdById: admin.id, note: "Initial version" } });
    // A version a person published later, with the same note.
    await t.db.policyVersion.create({ data: { policyId: policy.id, number: 2, rules: BASELINE_RULES, note: "Initial version", createdById: admin.id } });
    await t.db.$executeRawUnsafe(attributionStatement());
    await t.db.$executeRawUnsafe(attributionStatement());
    const versions = await t.db.policyVersion.findMany({ where: { policyId: policy.id }, orderBy: { number: "asc" } });
    expect(versions.map((v) => [v.number, v.isGenerated, v.createdById, v.note])).toEqual([
      [1, true, null, "Published by the demo seed"],
      [2, false, admin.id, "Initial version"],
    ]);
  });
});
