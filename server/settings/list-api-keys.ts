import type { TDb } from "../db/client";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TApiKeyListItem } from "./settings.shared";

/** Every API key of the organisation (settings:read). Only the prefix is shown; the hash never leaves the server. */
export async function listApiKeys(db: TDb, principal: TPrincipal, now = new Date()): Promise<TApiKeyListItem[]> {
  assertCan(principal, "settings:read");
  const rows = await db.apiKey.findMany({
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
