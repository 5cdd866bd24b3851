import "server-only";
import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { buildAuthOptions } from "@/server/auth/next-auth-options";
import { loadPrincipal } from "@/server/auth/principal";
import { can, type TAction, type TPrincipal } from "@/server/auth/permissions";
import { authorizeApiCaller, resolveApiCaller } from "@/server/auth/api-caller";
import { getDb } from "@/server/db/client";

let options: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  options ??= buildAuthOptions();
  return options;
}

/** The signed-in person, loaded once per request however many layouts and pages ask. */
export const getPrincipal = cache(async (): Promise<TPrincipal | null> => {
  // The request's cookies first: a page that asks is rendered per request, and the build, which has no secrets,
  // never gets as far as the session options (they need NEXTAUTH_SECRET).
  await cookies();
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  return loadPrincipal(getDb(), session.uid, { sessionVersion: session.sv ?? null });
});

/** For pages: sends people without a session to sign-in, and renders the 403 page without the right. */
export async function requirePage(action?: TAction): Promise<TPrincipal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin");
  if (action && !can(principal, action)) forbidden();
  return principal;
}

/** The caller of an API route: the API key of `Authorization: Bearer …`, else the signed-in person (api-caller.ts). */
const getApiCaller = cache(async (): Promise<TPrincipal | null> => {
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  const credentials = { authorization: requestHeaders.get("authorization"), cookieNames: requestCookies.getAll().map((c) => c.name) };
  return resolveApiCaller(getDb(), credentials, getPrincipal);
});

/**
 * For route handlers: 401 without a session or a valid API key, 403 without the right. An API key is accepted only
 * when an action is given and one of its scopes grants it (API_KEY_SCOPE_OF in server/auth/api-key-scopes.shared.ts, e.g.
 * "settings:write" needs "admin"); `requireApi()` without an action is for people signed in only.
 */
export async function requireApi(action?: TAction, resource: { teamId?: string | null } = {}): Promise<TPrincipal> {
  return authorizeApiCaller(await getApiCaller(), action, resource);
}
