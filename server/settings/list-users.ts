import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { assertCan, teamScope, type TPrincipal } from "../auth/permissions";
import type { TUserListItem } from "./settings.shared";

/**
 * User accounts and their roles per team. The organisation admin sees everyone (people in no team too); a team admin
 * sees the members of the teams they administer, with their memberships in those teams only. Password hashes and
 * sign-in link hashes never leave.
 */
export async function listUsers(db: TDb, principal: TPrincipal): Promise<TUserListItem[]> {
  assertCan(principal, "team:administer");
  const scope = teamScope(principal, "team:administer");
  const inScope: Prisma.MembershipWhereInput = scope.isOrgWide ? {} : { teamId: { in: scope.teamIds } };
  const rows = await db.user.findMany({
    where: scope.isOrgWide ? {} : { memberships: { some: inScope } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      isActive: true,
      isOrgAdmin: true,
      lastSignInAt: true,
      oidcSubject: true,
      isPasswordChangeRequired: true,
      signInLinks: { where: { usedAt: null }, orderBy: { expiresAt: "desc" }, take: 1, select: { expiresAt: true } },
      memberships: {
        where: inScope,
        select: { role: true, team: { select: { id: true, name: true, archivedAt: true } } },
        orderBy: { team: { name: "asc" } },
      },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    isActive: u.isActive,
    isOrgAdmin: u.isOrgAdmin,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    hasSso: u.oidcSubject !== null,
    isPasswordChangeRequired: u.isPasswordChangeRequired,
    pendingLinkExpiresAt: u.signInLinks[0]?.expiresAt.toISOString() ?? null,
    memberships: u.memberships.map((m) => ({
      teamId: m.team.id,
      teamName: m.team.name,
      role: m.role,
      isTeamArchived: m.team.archivedAt !== null,
    })),
  }));
}
