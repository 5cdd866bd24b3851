import "server-only";
import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { buildAuthOptions } from "@/server/auth/next-auth-options";
import { loadPrincipal } from "@/server/auth/principal";
import { assertCan, can, type TAction, type TPrincipal } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";

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

/** For route handlers: 401 without a session, 403 without the right. */
export async function requireApi(action?: TAction, resource: { teamId?: string | null } = {}): Promise<TPrincipal> {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHENTICATED", "Sign in to use this endpoint.");
  if (action) assertCan(principal, action, resource);
  return principal;
}
