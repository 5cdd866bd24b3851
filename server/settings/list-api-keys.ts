import type { TDb } from "../db/client";
import { assertCan, teamScope, type TPrincipal } from "../auth/permissions";
import type { TApiKeyListItem } from "./settings.shared";

/**
 * API keys: every key of the organisation for the organisation admin, the keys of a team admin's teams else. Only the
 * prefix is shown; the hash never leaves the server.
 */
export async function listApiKeys(db: TDb, principal: TPrincipal, now = new Date()): Promise<TApiKeyListItem[]> {
  assertCan(principal, "team:administer");
  const scope = teamScope(principal, "team:administer");
  const rows = await db.apiKey.findMany({
    where: scope.isOrgWide ? {} : { teamId: { in: scope.teamIds } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    teamName: k.team.name,
    scopes: k.scopes,
    createdByName: k.createdBy.name,
    createdAt: k.createdAt.toISOString(),
    expiresAt: k.expiresAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    isExpired: k.expiresAt !== null && k.expiresAt.getTime() <= now.getTime(),
  }));
}
