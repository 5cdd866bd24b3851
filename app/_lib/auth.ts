import "server-only";
import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { buildAuthOptions } from "@/server/auth/next-auth-options";
import { ACCOUNT_DISABLED_MESSAGE, loadSessionState, type TSessionState } from "@/server/auth/principal";
import { can, type TAction, type TPrincipal } from "@/server/auth/permissions";
import { authorizeApiCaller, resolveApiCaller } from "@/server/auth/api-caller";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { PASSWORD_PAGE } from "@/server/users/password-page.shared";

let options: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  options ??= buildAuthOptions();
  return options;
}

/** What the request's session is worth (principal.ts), loaded once per request however many layouts and pages ask. */
const getSessionState = cache(async (): Promise<TSessionState | null> => {
  // The request's cookies first: a page that asks is rendered per request, and the build, which has no secrets,
  // never gets as far as the session options (they need NEXTAUTH_SECRET).
  await cookies();
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  return loadSessionState(getDb(), session.uid, session.sv ?? null);
});

/** The signed-in person; null without a session, or with one that may do nothing yet (see TSessionState). */
export const getPrincipal = cache(async (): Promise<TPrincipal | null> => {
  const state = await getSessionState();
  return state?.status === "active" ? state.principal : null;
});

const PASSWORD_FIRST_MESSAGE = `Choose your own password first (${PASSWORD_PAGE}): the one you signed in with was a one-time one.`;

/**
 * For pages: sends people without a session to sign-in (a disabled account with the reason), a session whose
 * password is a one-time one to the password page, and renders the 403 page without the right.
 */
export async function requirePage(action?: TAction): Promise<TPrincipal> {
  const state = await getSessionState();
  if (state?.status === "disabled") redirect("/signin?error=AccountDisabled");
  if (state?.status === "password_change_required") redirect(PASSWORD_PAGE);
  if (state?.status !== "active") redirect("/signin");
  const { principal } = state;
  if (action && !can(principal, action)) forbidden();
  return principal;
}

/**
 * The session's person for an API route: null without a live session; 403 for a disabled account or before the
 * person has chosen their own password.
 */
async function sessionPrincipalForApi(): Promise<TPrincipal | null> {
  const state = await getSessionState();
  if (state?.status === "disabled") throw new AppError("FORBIDDEN", ACCOUNT_DISABLED_MESSAGE);
  if (state?.status === "password_change_required") throw new AppError("FORBIDDEN", PASSWORD_FIRST_MESSAGE);
  return state?.status === "active" ? state.principal : null;
}

/** The caller of an API route: the API key of `Authorization: Bearer …`, else the signed-in person (api-caller.ts). */
const getApiCaller = cache(async (): Promise<TPrincipal | null> => {
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  const credentials = { authorization: requestHeaders.get("authorization"), cookieNames: requestCookies.getAll().map((c) => c.name) };
  return resolveApiCaller(getDb(), credentials, sessionPrincipalForApi);
});

/**
 * For route handlers: 401 without a session or a valid API key, 403 for a disabled account, before a password change,
 * or without the right. An API key is accepted only when an action is given and one of its scopes grants it
 * (API_KEY_SCOPE_OF in server/auth/api-key-scopes.shared.ts, e.g. "settings:write" needs "admin"); `requireApi()`
 * without an action is for people signed in only.
 */
export async function requireApi(action?: TAction, resource: { teamId?: string | null } = {}): Promise<TPrincipal> {
  return authorizeApiCaller(await getApiCaller(), action, resource);
}

/** The person's own account: any live session, also one that must choose its password first. */
async function accountSession(): Promise<{ principal: TPrincipal; isPasswordChangeRequired: boolean } | { status: "disabled" | "none" }> {
  const state = await getSessionState();
  if (state?.status === "active" || state?.status === "password_change_required") {
    return { principal: state.principal, isPasswordChangeRequired: state.status === "password_change_required" };
  }
  return { status: state?.status === "disabled" ? "disabled" : "none" };
}

/** For the password page only (requirePage refuses a session that must choose its password first). */
export async function requireAccountPage(): Promise<{ principal: TPrincipal; isPasswordChangeRequired: boolean }> {
  const account = await accountSession();
  if ("principal" in account) return account;
  redirect(account.status === "disabled" ? "/signin?error=AccountDisabled" : "/signin");
}

/** For the password API only: like requireApi without an action, but also for a session that must choose its password. */
export async function requireAccountApi(): Promise<{ principal: TPrincipal; isPasswordChangeRequired: boolean }> {
  const account = await accountSession();
  if ("principal" in account) return account;
  if (account.status === "disabled") throw new AppError("FORBIDDEN", ACCOUNT_DISABLED_MESSAGE);
  throw new AppError("UNAUTHENTICATED", "Sign in to use this endpoint.");
}
