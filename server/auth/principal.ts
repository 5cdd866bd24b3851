import type { TDb } from "../db/client";
import type { TPrincipal, TRole } from "./permissions";

/**
 * Loads the person and their memberships; null when the account is missing or disabled, or — for a session, which
 * passes the version it was issued under (null when it carries none) — when that session was revoked (sessions.ts).
 */
export async function loadPrincipal(
  db: TDb,
  userId: string,
  session?: { sessionVersion: number | null },
): Promise<TPrincipal | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isActive: true,
      sessionVersion: true,
      isOrgAdmin: true,
      memberships: { select: { role: true, team: { select: { id: true, slug: true, name: true } } } },
    },
  });
  if (!user || !user.isActive) return null;
  if (session && session.sessionVersion !== user.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isOrgAdmin: user.isOrgAdmin,
    memberships: user.memberships
      .map((m) => ({ teamId: m.team.id, teamSlug: m.team.slug, teamName: m.team.name, role: m.role as TRole }))
      .sort((a, b) => a.teamName.localeCompare(b.teamName)),
  };
}
