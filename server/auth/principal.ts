import type { TDb } from "../db/client";
import type { TPrincipal, TRole } from "./permissions";

/** Loads the person and their memberships; null when the account is missing or disabled. */
export async function loadPrincipal(db: TDb, userId: string): Promise<TPrincipal | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isActive: true,
      memberships: { select: { role: true, team: { select: { id: true, slug: true, name: true } } } },
    },
  });
  if (!user || !user.isActive) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships
      .map((m) => ({ teamId: m.team.id, teamSlug: m.team.slug, teamName: m.team.name, role: m.role as TRole }))
      .sort((a, b) => a.teamName.localeCompare(b.teamName)),
  };
}
