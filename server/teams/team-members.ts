// Settings → Teams → members: adding a person to a team with a role, changing the role, removing them. The team's
// admins and the organisation admin do this. A team that has an admin keeps at least one: its last admin cannot be
// demoted or removed, by themself or anyone (organisation admins administer every team regardless). An archived team
// takes no new members. Audited with the role before and after, under the team, so its admins see it in their audit
// trail.
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal, type TRole } from "../auth/permissions";
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { findSettingsTeam } from "./manage-teams";
import { lockOpenTeam } from "./team-state";
import { ZMemberAdd, ZMemberUpdate } from "./team-input.shared";
import type { TTeamMember } from "./teams.shared";

type TTx = Prisma.TransactionClient;
type TTeamRef = { id: string; name: string };
type TUserRef = { id: string; name: string; email: string; isActive: boolean; oidcSubject: string | null };

const USER_FIELDS = { id: true, name: true, email: true, isActive: true, oidcSubject: true } as const;

const memberOf = (u: TUserRef, role: TRole): TTeamMember => ({
  userId: u.id,
  name: u.name,
  email: u.email,
  role,
  isActive: u.isActive,
  hasSso: u.oidcSubject !== null,
});

async function administeredTeam(db: TDb, principal: TPrincipal, teamId: string): Promise<TTeamRef> {
  const team = await findSettingsTeam(db, principal, teamId);
  assertCan(principal, "team:administer", { teamId: team.id });
  return { id: team.id, name: team.name };
}

function audit(tx: TTx, principal: TPrincipal, team: TTeamRef, user: TUserRef, action: string, before: TRole | null, after: TRole | null) {
  return appendAudit(tx, {
    actor: { type: "user", id: principal.id, label: principal.email },
    action,
    resource: { type: "user", id: user.id },
    teamId: team.id,
    data: { email: user.email, before: before ? { role: before } : null, after: after ? { role: after } : null },
  });
}

/** The person's membership of the team, locked until the transaction ends; 404 naming who is not a member. */
async function lockedMembership(tx: TTx, team: TTeamRef, userId: string): Promise<{ id: string; role: TRole; user: TUserRef }> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
  if (!user) throw new AppError("NOT_FOUND", `No account has the id ${userId}.`);
  const [row] = await tx.$queryRaw<{ id: string; role: TRole }[]>`
    SELECT id, role::text AS role FROM "Membership" WHERE "teamId" = ${team.id} AND "userId" = ${user.id} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", `${user.email} is not a member of ${team.name}.`);
  return { id: row.id, role: row.role, user };
}

/** Refuses to take the admin role from the team's last admin. */
async function assertKeepsAnAdmin(tx: TTx, principal: TPrincipal, team: TTeamRef, user: TUserRef): Promise<void> {
  // Locks every admin membership of the team: two admins stepping down at once take turns.
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Membership" WHERE "teamId" = ${team.id} AND role = 'admin' ORDER BY id FOR UPDATE`;
  if (admins.length > 1) return;
  throw new AppError(
    "CONFLICT",
    user.id === principal.id
      ? `You are the last admin of ${team.name}: make someone else admin first, then you can step down.`
      : `${user.email} is the last admin of ${team.name}: make someone else admin first.`,
  );
}

export async function addMember(db: TDb, principal: TPrincipal, teamId: string, body: unknown): Promise<TTeamMember> {
  const team = await administeredTeam(db, principal, teamId);
  const input = parseOrThrow(ZMemberAdd, body);
  return db.$transaction(async (tx) => {
    // An archived team takes no new members (its members' roles can still change, and they can be removed).
    await lockOpenTeam(tx, team.id);
    const user = input.email
      ? await tx.user.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } }, select: USER_FIELDS })
      : await tx.user.findUnique({ where: { id: input.userId ?? "" }, select: USER_FIELDS });
    if (!user) {
      throw new AppError(
        "NOT_FOUND",
        input.email
          ? `No account has the email ${input.email}. An organisation admin can create it in Settings → Users.`
          : `No account has the id ${input.userId}.`,
      );
    }
    const existing = await tx.membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId: team.id } }, select: { role: true } });
    if (existing) {
      throw new AppError("CONFLICT", `${user.email} is already a member of ${team.name} (${existing.role}). Change their role instead.`);
    }
    await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: input.role, createdById: principal.id, updatedById: principal.id } });
    await audit(tx, principal, team, user, "team.member_added", null, input.role);
    return memberOf(user, input.role);
  });
}

export async function changeMemberRole(db: TDb, principal: TPrincipal, teamId: string, userId: string, body: unknown): Promise<TTeamMember> {
  const team = await administeredTeam(db, principal, teamId);
  const input = parseOrThrow(ZMemberUpdate, body);
  return db.$transaction(async (tx) => {
    const membership = await lockedMembership(tx, team, userId);
    if (membership.role === input.role) return memberOf(membership.user, membership.role);
    if (membership.role === "admin") await assertKeepsAnAdmin(tx, principal, team, membership.user);
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role, updatedById: principal.id } });
    await audit(tx, principal, team, membership.user, "team.member_role_changed", membership.role, input.role);
    return memberOf(membership.user, input.role);
  });
}

export async function removeMember(db: TDb, principal: TPrincipal, teamId: string, userId: string): Promise<void> {
  const team = await administeredTeam(db, principal, teamId);
  await db.$transaction(async (tx) => {
    const membership = await lockedMembership(tx, team, userId);
    if (membership.role === "admin") await assertKeepsAnAdmin(tx, principal, team, membership.user);
    await tx.membership.delete({ where: { id: membership.id } });
    await audit(tx, principal, team, membership.user, "team.member_removed", membership.role, null);
  });
}
