import type { TDb } from "../db/client";
import { assertCan, ROLES, type TPrincipal, type TRole } from "../auth/permissions";
import type { TTeamListItem } from "./settings.shared";

/** All teams with their membership counts (organisation-wide, settings:read). */
export async function listTeams(db: TDb, principal: TPrincipal): Promise<TTeamListItem[]> {
  assertCan(principal, "settings:read");
  const [teams, roles] = await Promise.all([
    db.team.findMany({
      orderBy: [{ name: "asc" }],
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        _count: { select: { memberships: true, workflows: true } },
      },
    }),
    db.membership.groupBy({ by: ["teamId", "role"], _count: { _all: true } }),
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
    };
  });
}
