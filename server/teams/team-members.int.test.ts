// Settings → Teams → members: adding people with a role, changing roles, removing them (issue 12).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { addMember, changeMemberRole, removeMember } from "./team-members";

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("members");
  f = await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

const userId = async (email: string) => (await t.db.user.findUniqueOrThrow({ where: { email } })).id;
const roleOf = async (email: string, teamId: string) =>
  (await t.db.membership.findFirst({ where: { teamId, user: { email } } }))?.role ?? null;
async function snapshot() {
  return { memberships: await t.db.membership.findMany({ orderBy: { id: "asc" } }), audit: await t.db.auditEvent.count() };
}

describe("team members", () => {
  it("a team admin adds a person by email with a role, audited with the team", async () => {
    const adminB = await f.principal("admin-b@test.local");
    const member = await addMember(t.db, adminB, f.teamB, { email: " Nobody@Test.local ", role: "approver" });
    expect(member).toMatchObject({ email: "nobody@test.local", role: "approver" });
    expect(await roleOf("nobody@test.local", f.teamB)).toBe("approver");
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "team.member_added" } });
    expect(event).toMatchObject({ actorLabel: "admin-b@test.local", teamId: f.teamB, resourceType: "user", resourceId: await userId("nobody@test.local") });
    expect(event.data).toEqual({ email: "nobody@test.local", before: null, after: { role: "approver" } });
  });

  it("an organisation admin adds by user id; a person already in the team is a 409", async () => {
    const org = await f.principal("org@test.local");
    await addMember(t.db, org, f.teamA, { userId: await userId("admin-b@test.local"), role: "viewer" });
    await expect(addMember(t.db, org, f.teamA, { email: "viewer-a@test.local", role: "builder" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "viewer-a@test.local is already a member of Alpha (viewer). Change their role instead.",
    });
  });

  it("refuses a role that does not exist with 400 naming it, and an unknown person", async () => {
    const org = await f.principal("org@test.local");
    const before = await snapshot();
    await expect(addMember(t.db, org, f.teamA, { email: "nobody@test.local", role: "owner" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "role", message: 'Unknown role "owner": choose admin, builder, approver or viewer.' }],
    });
    await expect(changeMemberRole(t.db, org, f.teamA, await userId("viewer-a@test.local"), { role: "superuser" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "role", message: 'Unknown role "superuser": choose admin, builder, approver or viewer.' }],
    });
    await expect(addMember(t.db, org, f.teamA, { email: "ghost@test.local", role: "viewer" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No account has the email ghost@test.local. An organisation admin can create it in Settings → Users.",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("changes a role with before and after in the audit", async () => {
    const adminB = await f.principal("admin-b@test.local");
    const both = await userId("both@test.local");
    expect(await changeMemberRole(t.db, adminB, f.teamB, both, { role: "admin" })).toMatchObject({ role: "admin" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "team.member_role_changed" } });
    expect(event.data).toEqual({ email: "both@test.local", before: { role: "builder" }, after: { role: "admin" } });
  });

  it("a viewer, and a team admin in another team, get 403/404 and nothing changes", async () => {
    const before = await snapshot();
    const viewer = await f.principal("viewer-a@test.local");
    const target = await userId("approver-a@test.local");
    await expect(addMember(t.db, viewer, f.teamA, { email: "nobody@test.local", role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeMemberRole(t.db, viewer, f.teamA, target, { role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember(t.db, viewer, f.teamA, target)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // admin-b is a viewer of Alpha since the test above: a member, but no admin of it.
    const adminB = await f.principal("admin-b@test.local");
    await expect(removeMember(t.db, adminB, f.teamA, target)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const nobody = await f.principal("nobody@test.local");
    await expect(removeMember(t.db, nobody, f.teamA, target)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a team's last admin: they cannot demote or remove themself, nor can anyone else", async () => {
    // Alpha has no admin yet: the organisation admin makes approver-a its only admin.
    const org = await f.principal("org@test.local");
    const approverA = await userId("approver-a@test.local");
    await changeMemberRole(t.db, org, f.teamA, approverA, { role: "admin" });
    const self = await f.principal("approver-a@test.local");
    const before = await snapshot();
    await expect(changeMemberRole(t.db, self, f.teamA, approverA, { role: "builder" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are the last admin of Alpha: make someone else admin first, then you can step down.",
    });
    await expect(removeMember(t.db, self, f.teamA, approverA)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are the last admin of Alpha: make someone else admin first, then you can step down.",
    });
    await expect(removeMember(t.db, org, f.teamA, approverA)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "approver-a@test.local is the last admin of Alpha: make someone else admin first.",
    });
    expect(await snapshot()).toEqual(before);

    // With a second admin, the first may step down (and a removal is audited).
    await changeMemberRole(t.db, self, f.teamA, await userId("viewer-a@test.local"), { role: "admin" });
    await removeMember(t.db, self, f.teamA, approverA);
    expect(await roleOf("approver-a@test.local", f.teamA)).toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "team.member_removed" } });
    expect(event).toMatchObject({ actorLabel: "approver-a@test.local", teamId: f.teamA });
    expect(event.data).toEqual({ email: "approver-a@test.local", before: { role: "admin" }, after: null });
  });

  it("answers a person who is not a member with 404", async () => {
    const org = await f.principal("org@test.local");
    await expect(removeMember(t.db, org, f.teamA, await userId("org@test.local"))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "org@test.local is not a member of Alpha.",
    });
  });

  it("an archived team takes no new members; its members' roles can still change", async () => {
    const org = await f.principal("org@test.local");
    await t.db.team.update({ where: { id: f.teamB }, data: { archivedAt: new Date() } });
    const before = await snapshot();
    await expect(addMember(t.db, org, f.teamB, { email: "org@test.local", role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Team Beta is archived: it takes no new workflows, runs, API keys or members/),
    });
    expect(await snapshot()).toEqual(before);
    await changeMemberRole(t.db, org, f.teamB, await userId("nobody@test.local"), { role: "viewer" });
    await t.db.team.update({ where: { id: f.teamB }, data: { archivedAt: null } });
  });
});
