// Settings → Users: creating people with a one-time password or sign-in link, the forced password change, disabling,
// resetting, and the organisation's last admin (issue 12, "Teams and people").
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { verifyPassword } from "../auth/password";
import { ACCOUNT_DISABLED_MESSAGE, loadSessionState } from "../auth/principal";
import { signInWithPassword } from "../auth/sign-in";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { listUsers } from "../settings/list-users";
import { updateTeam } from "../teams/manage-teams";
import { changeOwnPassword } from "./change-password";
import { createUser, updateUser } from "./manage-users";
import { signInWithLink } from "./sign-in-links";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;
let ip = 0;

beforeAll(async () => {
  t = await createTestDatabase("users");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

// Each sign-in from its own address, so the tests' failures never throttle each other.
const signIn = (email: string, password: string) => signInWithPassword({ db: t.db, redis }, { email, password }, `203.0.113.${(ip += 1)}`);
const userOf = (email: string) => t.db.user.findUniqueOrThrow({ where: { email } });
const sessionOf = async (email: string) => {
  const u = await userOf(email);
  return { id: u.id, sv: u.sessionVersion };
};
const stateOf = async (session: { id: string; sv: number }) => (await loadSessionState(t.db, session.id, session.sv)).status;
async function auditText(): Promise<string> {
  return JSON.stringify(await t.db.auditEvent.findMany({ select: { action: true, data: true } }));
}
async function snapshot() {
  return {
    users: await t.db.user.findMany({ orderBy: { id: "asc" } }),
    memberships: await t.db.membership.findMany({ orderBy: { id: "asc" } }),
    links: await t.db.signInLink.count(),
    audit: await t.db.auditEvent.count(),
  };
}

describe("a new user with a one-time password", () => {
  let password = "";

  it("is created in a team with a role; the password is returned once and never stored or audited", async () => {
    const org = await f.principal("org@test.local");
    const created = await createUser(t.db, org, {
      name: "Nia New",
      email: " Nia@Test.local ",
      teamId: f.teamB,
      role: "approver",
      credential: "one_time_password",
    });
    expect(created.user).toMatchObject({ name: "Nia New", email: "nia@test.local", isActive: true, isPasswordChangeRequired: true });
    expect(created.secret.kind).toBe("one_time_password");
    password = created.secret.kind === "one_time_password" ? created.secret.password : "";
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    const row = await userOf("nia@test.local");
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(row.passwordHash!, password)).toBe(true);
    expect(await t.db.membership.findFirst({ where: { userId: row.id, teamId: f.teamB } })).toMatchObject({ role: "approver" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.created" } });
    expect(event).toMatchObject({ actorLabel: "org@test.local", resourceId: row.id, teamId: f.teamB });
    expect(event.data).toEqual({
      before: null,
      after: { name: "Nia New", email: "nia@test.local", isActive: true, isOrgAdmin: false, team: "Beta", role: "approver" },
      credential: "one_time_password",
    });
    expect(await auditText()).not.toContain(password);
  });

  it("signs in, but the session may do nothing until the person chooses their own password", async () => {
    await signIn("nia@test.local", password);
    expect(await stateOf(await sessionOf("nia@test.local"))).toBe("password_change_required");
  });

  it("refuses a new password that is short or the one-time one, with the field named", async () => {
    const account = await userOf("nia@test.local");
    await expect(changeOwnPassword(t.db, account.id, { newPassword: "short" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "newPassword", message: "Use at least 12 characters" }],
    });
    await expect(changeOwnPassword(t.db, account.id, { newPassword: password })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "newPassword", message: "Choose a password different from the one-time password." }],
    });
  });

  it("takes the new password without the one-time one, ends the old session, and the new one works", async () => {
    const before = await sessionOf("nia@test.local");
    await changeOwnPassword(t.db, before.id, { newPassword: "nia's own long password" });
    expect(await stateOf(before)).toBe("ended");
    await expect(signIn("nia@test.local", password)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await signIn("nia@test.local", "nia's own long password");
    expect(await stateOf(await sessionOf("nia@test.local"))).toBe("active");
    expect((await userOf("nia@test.local")).isPasswordChangeRequired).toBe(false);
    expect(await t.db.auditEvent.count({ where: { action: "user.password_changed", resourceId: before.id } })).toBe(1);
    expect(await auditText()).not.toContain("nia's own long password");
  });

  it("asks for the current password for a later change, and refuses a wrong one", async () => {
    const { id } = await userOf("nia@test.local");
    await expect(changeOwnPassword(t.db, id, { newPassword: "another long password" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "currentPassword", message: "Enter your current password" }],
    });
    await expect(changeOwnPassword(t.db, id, { currentPassword: "wrong", newPassword: "another long password" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "currentPassword", message: "This is not your current password." }],
    });
    await changeOwnPassword(t.db, id, { currentPassword: "nia's own long password", newPassword: "another long password" });
    await signIn("nia@test.local", "another long password");
  });
});

describe("a new user with a one-time sign-in link", () => {
  let token = "";

  it("gets a link that expires in 24 hours; only the token's hash is stored; there is no password", async () => {
    const org = await f.principal("org@test.local");
    const before = Date.now();
    const created = await createUser(t.db, org, { name: "Lin Link", email: "lin@test.local", teamId: f.teamA, role: "viewer", credential: "sign_in_link" });
    if (created.secret.kind !== "sign_in_link") throw new Error("expected a link");
    const url = new URL(created.secret.url);
    expect(url.pathname).toBe("/signin/link");
    token = url.hash.slice(1);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const expiresAt = new Date(created.secret.expiresAt).getTime();
    expect(expiresAt - before).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(expiresAt - before).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
    const link = await t.db.signInLink.findFirstOrThrow({ where: { user: { email: "lin@test.local" } } });
    expect(link.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(link)).not.toContain(token);
    expect((await userOf("lin@test.local")).passwordHash).toBeNull();
    expect(await auditText()).not.toContain(token);
  });

  it("signs the person in once, into a session that must choose a password; the second use is refused", async () => {
    expect(await signInWithLink({ db: t.db }, { token }, "203.0.113.200")).toMatchObject({ email: "lin@test.local" });
    expect(await stateOf(await sessionOf("lin@test.local"))).toBe("password_change_required");
    await expect(signInWithLink({ db: t.db }, { token }, "203.0.113.200")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This sign-in link is no longer valid: it was used already, has expired or was replaced. Ask an admin for a new one.",
    });
    const events = await t.db.auditEvent.findMany({ where: { action: { in: ["auth.signed_in", "auth.sign_in_failed"] }, actorLabel: "lin@test.local" } });
    expect(events.map((e) => [e.action, (e.data as { method: string }).method])).toEqual([
      ["auth.signed_in", "link"],
      ["auth.sign_in_failed", "link"],
    ]);
  });

  it("refuses an expired link and a made-up one", async () => {
    const org = await f.principal("org@test.local");
    const { id } = await userOf("lin@test.local");
    const reset = await updateUser(t.db, org, id, { issueCredential: "sign_in_link" });
    if (reset.secret?.kind !== "sign_in_link") throw new Error("expected a link");
    const fresh = new URL(reset.secret.url).hash.slice(1);
    await t.db.signInLink.updateMany({ where: { userId: id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(signInWithLink({ db: t.db }, { token: fresh }, "203.0.113.201")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(signInWithLink({ db: t.db }, { token: "x".repeat(43) }, "203.0.113.201")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(signInWithLink({ db: t.db }, { token: "" }, "203.0.113.201")).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("disabling a user", () => {
  it("refuses their session on its next request and their sign-in, with a clear message; audited", async () => {
    const org = await f.principal("org@test.local");
    await signIn("nia@test.local", "another long password");
    const session = await sessionOf("nia@test.local");
    expect(await stateOf(session)).toBe("active");
    const { user } = await updateUser(t.db, org, session.id, { isActive: false });
    expect(user.isActive).toBe(false);
    expect(await stateOf(session)).toBe("disabled");
    await expect(signIn("nia@test.local", "another long password")).rejects.toMatchObject({ code: "FORBIDDEN", message: ACCOUNT_DISABLED_MESSAGE });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.disabled", resourceId: session.id } });
    expect(event.data).toEqual({ email: "nia@test.local", before: { isActive: true }, after: { isActive: false } });

    // Enabled again: they sign in anew; the session from before the disabling stays ended.
    await updateUser(t.db, org, session.id, { isActive: true });
    expect(await stateOf(session)).toBe("ended");
    await signIn("nia@test.local", "another long password");
  });

  it("refuses a disabled person's sign-in link", async () => {
    const org = await f.principal("org@test.local");
    const { id } = await userOf("lin@test.local");
    const reset = await updateUser(t.db, org, id, { issueCredential: "sign_in_link" });
    const token = reset.secret?.kind === "sign_in_link" ? new URL(reset.secret.url).hash.slice(1) : "";
    await updateUser(t.db, org, id, { isActive: false });
    // Disabling ended the link too; a link of a disabled account would be refused with the same message as sign-in.
    await expect(signInWithLink({ db: t.db }, { token }, "203.0.113.202")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await updateUser(t.db, org, id, { isActive: true });
  });
});

describe("resetting a password", () => {
  it("shows a new one-time password once, kills the old one and every session, and asks for a change again", async () => {
    const org = await f.principal("org@test.local");
    const session = await sessionOf("nia@test.local");
    const { secret } = await updateUser(t.db, org, session.id, { issueCredential: "one_time_password" });
    if (secret?.kind !== "one_time_password") throw new Error("expected a password");
    expect(await stateOf(session)).toBe("ended");
    await expect(signIn("nia@test.local", "another long password")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await signIn("nia@test.local", secret.password);
    expect(await stateOf(await sessionOf("nia@test.local"))).toBe("password_change_required");
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.credential_issued", resourceId: session.id } });
    expect(event.data).toEqual({ email: "nia@test.local", credential: "one_time_password" });
    expect(await auditText()).not.toContain(secret.password);
  });
});

describe("the organisation's admins", () => {
  it("the last organisation admin can neither revoke their own role nor disable themself", async () => {
    const org = await f.principal("org@test.local");
    const before = await snapshot();
    await expect(updateUser(t.db, org, org.id, { isOrgAdmin: false })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are the only organisation admin: make someone else organisation admin first.",
    });
    await expect(updateUser(t.db, org, org.id, { isActive: false })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You cannot disable your own account: another organisation admin can.",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("with a second one, an organisation admin may step down; both changes are audited", async () => {
    const org = await f.principal("org@test.local");
    const adminB = await userOf("admin-b@test.local");
    await updateUser(t.db, org, adminB.id, { isOrgAdmin: true });
    await updateUser(t.db, org, org.id, { isOrgAdmin: false });
    expect((await t.db.user.findMany({ where: { isOrgAdmin: true } })).map((u) => u.email)).toEqual(["admin-b@test.local"]);
    const actions = (await t.db.auditEvent.findMany({ where: { action: { startsWith: "user.org_admin" } }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.org_admin_granted", "user.org_admin_revoked"]);
    const revoked = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.org_admin_revoked" } });
    expect(revoked).toMatchObject({ actorLabel: "org@test.local", resourceId: org.id });
    expect(revoked.data).toEqual({ email: "org@test.local", before: { isOrgAdmin: true }, after: { isOrgAdmin: false } });
    // admin-b is the only one now; org gets it back from them.
    await updateUser(t.db, await f.principal("admin-b@test.local"), org.id, { isOrgAdmin: true });
  });
});

describe("refusals", () => {
  it("a duplicate email is a 409, an unknown role a 400 naming it, an archived team a 409; nothing is created", async () => {
    const org = await f.principal("org@test.local");
    const before = await snapshot();
    const base = { name: "Dup", teamId: f.teamA, role: "viewer", credential: "one_time_password" };
    await expect(createUser(t.db, org, { ...base, email: "VIEWER-A@test.local" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An account with the email viewer-a@test.local exists already.",
    });
    await expect(createUser(t.db, org, { ...base, email: "new@test.local", role: "owner" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "role", message: 'Unknown role "owner": choose admin, builder, approver or viewer.' }],
    });
    await expect(createUser(t.db, org, { ...base, email: "new@test.local", credential: "email" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createUser(t.db, org, { ...base, email: "new@test.local", teamId: "nope" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "teamId", message: "No team has the id nope." }],
    });
    expect(await snapshot()).toEqual(before);
    await updateTeam(t.db, org, f.teamA, { isArchived: true });
    const archivedBefore = await snapshot();
    await expect(createUser(t.db, org, { ...base, email: "new@test.local" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Team Alpha is archived/),
    });
    expect(await snapshot()).toEqual(archivedBefore);
    await updateTeam(t.db, org, f.teamA, { isArchived: false });
  });

  it("a viewer and a team admin get 403 for every change, and nothing changes", async () => {
    const target = await userOf("viewer-a@test.local");
    const before = await snapshot();
    for (const email of ["viewer-a@test.local", "approver-a@test.local", "both@test.local"]) {
      const p = await f.principal(email);
      const input = { name: "X", email: "x@test.local", teamId: f.teamA, role: "admin", credential: "one_time_password" };
      await expect(createUser(t.db, p, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateUser(t.db, p, target.id, { isActive: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateUser(t.db, p, target.id, { issueCredential: "one_time_password" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateUser(t.db, p, p.id, { isOrgAdmin: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("the list of users", () => {
  it("shows SSO people with their team and role, and who still has to choose a password", async () => {
    await t.db.user.create({
      data: { email: "sso@test.local", name: "Sso Person", oidcSubject: "sub-1", memberships: { create: { teamId: f.teamB, role: "builder" } } },
    });
    const org = await f.principal("org@test.local");
    await updateUser(t.db, org, (await userOf("lin@test.local")).id, { issueCredential: "sign_in_link" });
    const users = await listUsers(t.db, org);
    expect(users.find((u) => u.email === "sso@test.local")).toMatchObject({
      hasSso: true,
      memberships: [{ teamId: f.teamB, teamName: "Beta", role: "builder" }],
    });
    expect(users.find((u) => u.email === "nia@test.local")).toMatchObject({ isPasswordChangeRequired: true, pendingLinkExpiresAt: null });
    expect(users.find((u) => u.email === "lin@test.local")?.pendingLinkExpiresAt).toEqual(expect.any(String));
  });
});
