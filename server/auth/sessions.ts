import type { TDb } from "../db/client";

// Sessions are signed JWTs; each carries the User.sessionVersion it was issued under (`sv`), and loadPrincipal refuses
// one whose version is no longer the person's. Incrementing the version therefore ends every session of that person
// at once. It is incremented on sign-out (any device) and when the seed replaces a demo user's published password
// (server/seed/seed-people.ts). A disabled account needs no increment: loadPrincipal refuses it on every request.

/** The version a session issued now carries; null when the account does not exist. */
export async function currentSessionVersion(db: TDb, userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Ends every session of this person issued so far. */
export async function revokeSessions(db: TDb, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
