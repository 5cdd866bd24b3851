// Settings → API keys and GET /api/api-keys: the keys of the teams whose keys the person manages, and the choices of
// the create form. Only the prefix is ever shown; the hash never leaves the server.
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { can, type TPrincipal } from "../auth/permissions";
import { grantableScopes, managedTeamIds, mayRevokeApiKey } from "./api-key-access";
import type { TApiKeyListItem, TApiKeyStatus, TApiKeyTeamOption } from "./api-key.shared";

export const API_KEY_LIST_SELECT = {
  id: true,
  name: true,
  prefix: true,
  teamId: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  team: { select: { name: true } },
  createdBy: { select: { name: true } },
} satisfies Prisma.ApiKeySelect;

export type TApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof API_KEY_LIST_SELECT }>;

function statusOf(row: TApiKeyRow, now: Date): TApiKeyStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt && row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

export function toApiKeyListItem(principal: TPrincipal, row: TApiKeyRow, now = new Date()): TApiKeyListItem {
  const status = statusOf(row, now);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    teamId: row.teamId,
    teamName: row.team.name,
    scopes: row.scopes,
    createdByName: row.createdBy.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status,
    canRevoke: status !== "revoked" && mayRevokeApiKey(principal, row),
  };
}

function assertManagesSomeTeam(principal: TPrincipal): void {
  if (!can(principal, "apikey:manage")) {
    throw new AppError("FORBIDDEN", "You do not manage any team's API keys: builders and admins of a team do, and organisation admins.");
  }
}

/** Active keys first, newest first; then revoked ones. */
export async function listApiKeys(db: TDb, principal: TPrincipal, now = new Date()): Promise<TApiKeyListItem[]> {
  assertManagesSomeTeam(principal);
  const teamIds = managedTeamIds(principal);
  const rows = await db.apiKey.findMany({
    where: teamIds === null ? {} : { teamId: { in: teamIds } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: API_KEY_LIST_SELECT,
  });
  return rows.map((row) => toApiKeyListItem(principal, row, now));
}

/** The teams the person may create keys for, with the scopes they may grant there and their published workflows. */
export async function apiKeyFormOptions(db: TDb, principal: TPrincipal): Promise<TApiKeyTeamOption[]> {
  assertManagesSomeTeam(principal);
  const teamIds = managedTeamIds(principal);
  const teams = await db.team.findMany({
    where: teamIds === null ? {} : { id: { in: teamIds } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      workflows: {
        where: { status: "published", publishedVersionId: { not: null } },
        orderBy: { name: "asc" },
        take: 100,
        select: { id: true, name: true },
      },
    },
  });
  return teams
    .map((t) => ({
      id: t.id,
      name: t.name,
      grantableScopes: grantableScopes(principal, t.id),
      publishedWorkflows: can(principal, "workflow:read", { teamId: t.id }) ? t.workflows : [],
    }))
    .filter((t) => t.grantableScopes.length > 0);
}
