import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { can } from "../auth/permissions";
import { setOrgAdmin } from "./set-org-admin";

let t: TTestDb;
let f: TTwoTeams;
const cli = { type: "system" as const, label: "org-admin script" };

beforeAll(async () => {
  t = await createTestDatabase("setorgadmin");
  f = await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

describe("setOrgAdmin", () => {
  it("grants the role (email in any case), audited; the person holds organisation actions at once", async () => {
    expect(can(await f.principal("admin-b@test.local"), "system:emergency-stop")).toBe(false);
    const result = await setOrgAdmin(t.db, cli, { email: " Admin-B@Test.local ", isOrgAdmin: true });
    expect(result).toEqual({ email: "admin-b@test.local", isOrgAdmin: true, isChanged: true, orgAdminCount: 2 });
    expect(can(await f.principal("admin-b@test.local"), "system:emergency-stop")).toBe(true);
    const events = await t.db.auditEvent.findMany({ where: { action: "user.org_admin_granted" } });
    expect(events.map((e) => [e.actorLabel, e.data])).toEqual([
      ["org-admin script", { email: "admin-b@test.local", before: { isOrgAdmin: false }, after: { isOrgAdmin: true } }],
    ]);
  });

  it("changes nothing when the role is already as asked", async () => {
    const result = await setOrgAdmin(t.db, cli, { email: "admin-b@test.local", isOrgAdmin: true });
    expect(result.isChanged).toBe(false);
    expect(await t.db.auditEvent.count({ where: { action: { startsWith: "user.org_admin" } } })).toBe(1);
  });

  it("revokes it, but never from the last organisation admin", async () => {
    await setOrgAdmin(t.db, cli, { email: "org@test.local", isOrgAdmin: false });
    await expect(setOrgAdmin(t.db, cli, { email: "admin-b@test.local", isOrgAdmin: false })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/only organisation admin/),
    });
    expect((await t.db.user.findMany({ where: { isOrgAdmin: true } })).map((u) => u.email)).toEqual([
      "admin-b@test.local",
    ]);
  });

  it("answers an unknown or malformed email with a clear error", async () => {
    await expect(setOrgAdmin(t.db, cli, { email: "ghost@test.local", isOrgAdmin: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No account has the email ghost@test.local.",
    });
    await expect(setOrgAdmin(t.db, cli, { email: "not-an-email", isOrgAdmin: true })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
