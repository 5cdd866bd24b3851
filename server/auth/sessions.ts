import type { TDb } from "../db/client";

// Sessions are signed JWTs; each carries the User.sessionVersion it was issued under (`sv`), and loadSessionState
// refuses one whose version is no longer the person's. Incrementing the version therefore ends every session of that
// person at once. It is incremented on sign-out (any device), when the person changes their password, when an admin
// disables the account or gives it a new one-time password or link (server/users/), and when the seed replaces a demo
// user's published password (server/seed/seed-people.ts). A disabled account is refused on every request anyway (with
// its own message); the increment keeps its old sessions ended if it is enabled again.

/** What a session issued now carries: the version, and whether the password must be changed first; null without an account. */
export async function sessionFacts(db: TDb, userId: string): Promise<{ sessionVersion: number; isPasswordChangeRequired: boolean } | null> {
  return db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, isPasswordChangeRequired: true } });
}

/** Ends every session of this person issued so far. */
export async function revokeSessions(db: TDb, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
