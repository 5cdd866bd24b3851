import type { TDb } from "../db/client";
import { assertCan, ROLES, teamScope, type TPrincipal, type TRole } from "../auth/permissions";
import type { TTeamListItem } from "./settings.shared";

/**
 * Teams with their membership counts, archived ones included (marked): every team for the organisation admin, a team
 * admin's own teams else.
 */
export async function listTeams(db: TDb, principal: TPrincipal): Promise<TTeamListItem[]> {
  assertCan(principal, "team:administer");
  const scope = teamScope(principal, "team:administer");
  const [teams, roles] = await Promise.all([
    db.team.findMany({
      where: scope.isOrgWide ? {} : { id: { in: scope.teamIds } },
      orderBy: [{ name: "asc" }],
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        archivedAt: true,
        _count: { select: { memberships: true, workflows: true } },
      },
    }),
    db.membership.groupBy({
      by: ["teamId", "role"],
      where: scope.isOrgWide ? {} : { teamId: { in: scope.teamIds } },
      _count: { _all: true },
    }),
  ]);
  return teams.map((t) => {
    const roleCounts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<TRole, number>;
    for (const row of roles) if (row.teamId === t.id) roleCounts[row.role] = row._count._all;
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      description: t.description,
      memberCount: t._count.memberships,
      roleCounts,
      workflowCount: t._count.workflows,
      archivedAt: t.archivedAt?.toISOString() ?? null,
    };
  });
}
