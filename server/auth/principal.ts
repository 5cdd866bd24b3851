import type { TDb } from "../db/client";
import type { TPrincipal, TRole } from "./permissions";

/**
 * What a session is worth on this request (sessions.ts): a principal; one whose password is a one-time one and must
 * be replaced before anything else (only /account/password accepts it); or nothing, because the account was disabled
 * (said so, so the person learns why) or the session ended (sign-out, a password reset, an account that is gone).
 */
export type TSessionState =
  | { status: "active"; principal: TPrincipal }
  | { status: "password_change_required"; principal: TPrincipal }
  | { status: "disabled" }
  | { status: "ended" };

/** The message a disabled account gets, at sign-in and on its sessions' next request. */
export const ACCOUNT_DISABLED_MESSAGE = "This account is disabled. Ask an admin.";

async function readUser(db: TDb, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isActive: true,
      sessionVersion: true,
      isOrgAdmin: true,
      isPasswordChangeRequired: true,
      memberships: {
        select: { role: true, team: { select: { id: true, slug: true, name: true, archivedAt: true } } },
      },
    },
  });
  if (!user) return null;
  const principal: TPrincipal = {
    id: user.id,
    email: user.email,
    name: user.name,
    isOrgAdmin: user.isOrgAdmin,
    memberships: user.memberships
      .map((m) => ({
        teamId: m.team.id,
        teamSlug: m.team.slug,
        teamName: m.team.name,
        role: m.role as TRole,
        isTeamArchived: m.team.archivedAt !== null,
      }))
      .sort((a, b) => a.teamName.localeCompare(b.teamName)),
  };
  return { user, principal };
}

/** The state of a session of `userId` issued under `sessionVersion` (null when the token carries none). */
export async function loadSessionState(db: TDb, userId: string, sessionVersion: number | null): Promise<TSessionState> {
  const found = await readUser(db, userId);
  if (!found) return { status: "ended" };
  // Before the version: disabling also ends the sessions, and the person should learn the reason, not "sign in".
  if (!found.user.isActive) return { status: "disabled" };
  if (sessionVersion !== found.user.sessionVersion) return { status: "ended" };
  if (found.user.isPasswordChangeRequired) return { status: "password_change_required", principal: found.principal };
  return { status: "active", principal: found.principal };
}

/**
 * Loads the person and their memberships; null when the account is missing or disabled, or — for a session, which
 * passes the version it was issued under (null when it carries none) — when that session was revoked (sessions.ts) or
 * may do nothing before its one-time password is replaced.
 */
export async function loadPrincipal(
  db: TDb,
  userId: string,
  session?: { sessionVersion: number | null },
): Promise<TPrincipal | null> {
  if (session) {
    const state = await loadSessionState(db, userId, session.sessionVersion);
    return state.status === "active" ? state.principal : null;
  }
  const found = await readUser(db, userId);
  return found?.user.isActive ? found.principal : null;
}
