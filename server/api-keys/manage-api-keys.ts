// Creating and revoking API keys (POST /api/api-keys, DELETE /api/api-keys/:id). The secret exists only in the answer
// to the create request; the row keeps its SHA-256 and prefix. Revoking keeps the row (the list and the audit trail
// still name the key). Every change is audited with before and after, never with the secret or its hash.
import type { TDb } from "../db/client";
import { lockOpenTeam } from "../teams/team-state";
import { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { appendAudit } from "../audit/append";
import { principalActor } from "../auth/actor";
import { can, type TPrincipal } from "../auth/permissions";
import { optionalId } from "../shared/query-params";
import { grantableScopes, mayRevokeApiKey, scopeRefusal } from "./api-key-access";
import { ZCreateApiKey, type TApiKeyListItem, type TCreatedApiKey } from "./api-key.shared";
import { newApiKey } from "./api-key-token";
import { API_KEY_LIST_SELECT, toApiKeyListItem, type TApiKeyRow } from "./list-api-keys";

const NOT_FOUND_MESSAGE = "This API key does not exist, or it belongs to a team whose keys you do not manage.";
const CREATE_ATTEMPTS = 3;

function auditable(row: TApiKeyRow) {
  return {
    name: row.name,
    prefix: row.prefix,
    teamId: row.teamId,
    scopes: row.scopes,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createApiKey(db: TDb, principal: TPrincipal, body: unknown, now = new Date()): Promise<TCreatedApiKey> {
  const input = parseOrThrow(ZCreateApiKey, body);
  if (!can(principal, "apikey:manage", { teamId: input.teamId })) {
    throw new AppError("FORBIDDEN", "You cannot create API keys for this team: its builders and admins can, and organisation admins.");
  }
  const team = await db.team.findUnique({ where: { id: input.teamId }, select: { name: true } });
  if (!team) throw new AppError("VALIDATION", "Some fields are missing or invalid.", { issues: [{ path: "teamId", message: "That team does not exist." }] });
  const allowed = grantableScopes(principal, input.teamId);
  const refused = input.scopes.filter((s) => !allowed.includes(s));
  if (refused.length > 0) throw new AppError("FORBIDDEN", refused.map((s) => scopeRefusal(s, team.name)).join(" "));
  const expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION", "Some fields are missing or invalid.", { issues: [{ path: "expiresAt", message: "The expiry must lie in the future." }] });
  }

  for (let attempt = 1; ; attempt += 1) {
    const key = newApiKey();
    try {
      const row = await db.$transaction(async (tx) => {
        // An archived team takes no new API keys (also for organisation admins, who pass the permission check).
        await lockOpenTeam(tx, input.teamId);
        const created = await tx.apiKey.create({
          data: { name: input.name, prefix: key.prefix, hash: key.hash, teamId: input.teamId, scopes: input.scopes, expiresAt, createdById: principal.id },
          select: API_KEY_LIST_SELECT,
        });
        await appendAudit(tx, {
          actor: principalActor(principal),
          action: "api_key.created",
          resource: { type: "api_key", id: created.id },
          teamId: created.teamId,
          data: { before: null, after: auditable(created) },
        });
        return created;
      });
      return { apiKey: toApiKeyListItem(principal, row, now), secret: key.token };
    } catch (error) {
      // A prefix drawn twice (48 random bits): draw again.
      if (!isUniqueViolation(error) || attempt >= CREATE_ATTEMPTS) throw error;
    }
  }
}

export async function revokeApiKey(db: TDb, principal: TPrincipal, apiKeyId: string, now = new Date()): Promise<TApiKeyListItem> {
  const id = optionalId().parse(apiKeyId);
  const existing = id ? await db.apiKey.findUnique({ where: { id }, select: API_KEY_LIST_SELECT }) : null;
  if (!existing || !can(principal, "apikey:manage", { teamId: existing.teamId })) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  if (!mayRevokeApiKey(principal, existing)) {
    throw new AppError("FORBIDDEN", `Only admins of ${existing.team.name} and organisation admins may revoke a key with the "admin" scope.`);
  }
  const row = await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id: existing.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("CONFLICT", "This API key was already revoked.");
    const after = await tx.apiKey.findUniqueOrThrow({ where: { id: existing.id }, select: API_KEY_LIST_SELECT });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "api_key.revoked",
      resource: { type: "api_key", id: existing.id },
      teamId: existing.teamId,
      data: { before: auditable(existing), after: auditable(after) },
    });
    return after;
  });
  return toApiKeyListItem(principal, row, now);
}
