// `Authorization: Bearer <API key>`: the key becomes a principal of its team, acting as its creator as they are now,
// limited to the key's scopes (server/auth/permissions.ts, keyAllows). Every refusal is a 401 that says which problem
// it is; whether some other key exists is never revealed (a wrong secret for a real prefix is "not valid", like an
// unknown prefix), and a revoked or expired key is named as such only after its secret matched.
import type { TDb } from "../db/client";
import { AppError } from "../errors";
import { loadPrincipal } from "../auth/principal";
import { isApiKeyScope } from "../auth/api-key-scopes.shared";
import type { TPrincipal } from "../auth/permissions";
import { apiKeyPrefix, hashApiKey, isSameApiKeyHash } from "./api-key-token";

/** lastUsedAt is written at most once per this interval per key, so a busy key costs no write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type TApiKeyRefusal = "malformed" | "not_valid" | "revoked" | "expired" | "creator_inactive" | "creator_left_team";

function refuse(reason: TApiKeyRefusal, message: string): AppError {
  return new AppError("UNAUTHENTICATED", message, { details: { reason } });
}

const NEW_KEY_HINT = "Create a new one in Settings → API keys.";

/** The bearer token of an Authorization header, or a 401 when the header is not `Bearer <token>`. */
function bearerToken(authorization: string): string {
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match?.[1]) {
    throw refuse("malformed", "The Authorization header must be `Bearer <API key>`, with a key from Settings → API keys.");
  }
  return match[1];
}

async function touchLastUsed(db: TDb, id: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  // Conditional, so concurrent requests of one key write once; updatedAt is left alone (the key did not change).
  await db.$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = ${now} WHERE "id" = ${id} AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= ${staleBefore})`;
}

export async function authenticateApiKey(db: TDb, authorization: string, now = new Date()): Promise<TPrincipal> {
  const token = bearerToken(authorization);
  const prefix = apiKeyPrefix(token);
  if (!prefix) {
    throw refuse("malformed", "This is not a Baton API key: keys look like bk_<12 characters>_<43 characters>. Check that it was copied whole.");
  }
  const key = await db.apiKey.findUnique({
    where: { prefix },
    select: { id: true, name: true, hash: true, teamId: true, scopes: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdById: true },
  });
  if (!key || !isSameApiKeyHash(hashApiKey(token), key.hash)) {
    throw refuse("not_valid", "This API key is not valid: no key matches it. Check that it was copied whole, or create a new one in Settings → API keys.");
  }
  if (key.revokedAt) throw refuse("revoked", `This API key was revoked on ${key.revokedAt.toISOString()}. ${NEW_KEY_HINT}`);
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) {
    throw refuse("expired", `This API key expired on ${key.expiresAt.toISOString()}. ${NEW_KEY_HINT}`);
  }
  const creator = await loadPrincipal(db, key.createdById);
  if (!creator) {
    throw refuse("creator_inactive", "This API key no longer works: the person who created it can no longer sign in to Baton.");
  }
  const memberships = creator.memberships.filter((m) => m.teamId === key.teamId);
  if (memberships.length === 0 && !creator.isOrgAdmin) {
    throw refuse("creator_left_team", "This API key no longer works: the person who created it is no longer a member of its team.");
  }
  await touchLastUsed(db, key.id, key.lastUsedAt, now);
  const scopes = key.scopes.filter(isApiKeyScope);
  return {
    ...creator,
    // The organisation admin's powers go with the admin scope only (and keyAllows checks the scope again).
    isOrgAdmin: creator.isOrgAdmin && scopes.includes("admin"),
    memberships,
    apiKey: { id: key.id, name: key.name, prefix, teamId: key.teamId, scopes },
  };
}
