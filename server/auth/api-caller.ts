// Who is calling an API route: a person with the session cookie, or an API key (`Authorization: Bearer <key>`).
// app/_lib/auth.ts (requireApi) passes the request's header and cookie names; tests call these directly.
import type { TDb } from "../db/client";
import { AppError } from "../errors";
import { hasSessionCookie } from "../http/cross-site";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { assertCan, type TAction, type TPrincipal } from "./permissions";

export type TApiCredentials = { authorization: string | null; cookieNames: readonly string[] };

/**
 * The caller, or null without credentials. A request with an Authorization header is judged by its key alone, and one
 * that also carries the session cookie is refused: neither may lend the other its rights.
 */
export async function resolveApiCaller(
  db: TDb,
  credentials: TApiCredentials,
  sessionPrincipal: () => Promise<TPrincipal | null>,
  now = new Date(),
): Promise<TPrincipal | null> {
  if (credentials.authorization === null) return sessionPrincipal();
  if (hasSessionCookie(credentials.cookieNames)) {
    throw new AppError("BAD_REQUEST", "This request carries both an API key and a Baton session cookie: send one or the other.");
  }
  return authenticateApiKey(db, credentials.authorization, now);
}

/**
 * requireApi's rule: 401 without a caller; with an action, 403 unless the caller may do it (for a key: a scope that
 * grants it, within its team and its creator's rights). Without an action the route is for people only: a key is
 * refused, so routes that check their permission further down (in server/) never run for a key by accident.
 */
export function authorizeApiCaller(
  principal: TPrincipal | null,
  action?: TAction,
  resource: { teamId?: string | null } = {},
): TPrincipal {
  if (!principal) throw new AppError("UNAUTHENTICATED", "Sign in to use this endpoint, or send an API key (Authorization: Bearer <key>).");
  if (action) assertCan(principal, action, resource);
  else if (principal.apiKey) throw new AppError("FORBIDDEN", "API keys cannot call this endpoint: it is for people signed in to Baton.");
  return principal;
}
