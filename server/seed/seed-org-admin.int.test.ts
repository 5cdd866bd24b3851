// The seed makes admin@baton.local the organisation admin, adds a demo admin of one team, and upgrades an
// installation seeded before the organisation role existed — without overriding a later revocation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { loadPrincipal } from "../auth/principal";
import { can } from "../auth/permissions";
import { seedDemo } from "./index";

let t: TTestDb;

beforeAll(async () => {
  t = await createTestDatabase("seedorg");
  await seedDemo(t.db, { historyDays: 0 });
}, 120_000);
afterAll(async () => t.drop());

const orgAdmins = async () =>
  (await t.db.user.findMany({ where: { isOrgAdmin: true }, select: { email: true } })).map((u) => u.email);

describe("demo seed: organisation admin", () => {
  it("makes admin@baton.local the only organisation admin, still admin of both teams", async () => {
    expect(await orgAdmins()).toEqual(["admin@baton.local"]);
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@baton.local" } });
    const principal = await loadPrincipal(t.db, admin.id);
    expect(principal?.memberships.map((m) => [m.teamName, m.role])).toEqual([
      ["Customer Care", "admin"],
      ["Risk Operations", "admin"],
    ]);
    expect(can(principal!, "system:emergency-stop")).toBe(true);
  });

  it("adds teamadmin@baton.local: admin of Risk Operations only, no organisation powers", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "teamadmin@baton.local" } });
    const principal = await loadPrincipal(t.db, user.id);
    expect(principal?.isOrgAdmin).toBe(false);
    expect(principal?.memberships.map((m) => [m.teamName, m.role])).toEqual([["Risk Operations", "admin"]]);
    expect(can(principal!, "system:emergency-stop")).toBe(false);
    expect(can(principal!, "audit:read")).toBe(true);
  });

  it("on an installation with no organisation admin, a re-seed makes admin@baton.local one (audited)", async () => {
    await t.db.user.updateMany({ data: { isOrgAdmin: false } });
    await seedDemo(t.db, { historyDays: 0 });
    expect(await orgAdmins()).toEqual(["admin@baton.local"]);
    const events = await t.db.auditEvent.findMany({ where: { action: "user.org_admin_granted" } });
    expect(events.map((e) => [e.actorLabel, e.data])).toEqual([
      ["seed", { email: "admin@baton.local", reason: "no organisation admin existed" }],
    ]);
  });

  it("does not restore the role once another organisation admin revoked it", async () => {
    await t.db.user.update({ where: { email: "viewer@baton.local" }, data: { isOrgAdmin: true } });
    await t.db.user.update({ where: { email: "admin@baton.local" }, data: { isOrgAdmin: false } });
    await seedDemo(t.db, { historyDays: 0 });
    expect(await orgAdmins()).toEqual(["viewer@baton.local"]);
  });
});
