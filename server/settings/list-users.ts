import type { TDb } from "../db/client";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TUserListItem } from "./settings.shared";

/** All user accounts and their roles per team (organisation-wide, settings:read). Password hashes never leave. */
export async function listUsers(db: TDb, principal: TPrincipal): Promise<TUserListItem[]> {
  assertCan(principal, "settings:read");
  const rows = await db.user.findMany({
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      isActive: true,
      lastSignInAt: true,
      oidcSubject: true,
      memberships: { select: { role: true, team: { select: { name: true } } }, orderBy: { team: { name: "asc" } } },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    isActive: u.isActive,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    hasSso: u.oidcSubject !== null,
    memberships: u.memberships.map((m) => ({ teamName: m.team.name, role: m.role })),
  }));
}
