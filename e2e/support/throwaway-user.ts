import { randomBytes } from "node:crypto";
import { queryDb } from "./db";
import type { TDemoRole } from "./users";
import { USERS } from "./users";

// A person of their own for tests that sign out: sign-out ends every session of that person (README, "Sign-out"),
// so signing out a shared demo user would end the sessions of specs running in parallel.

/** Creates a user with the demo password and the same memberships as the given demo user; returns its email. */
export async function createThrowawayUser(like: TDemoRole): Promise<{ id: string; email: string }> {
  const suffix = randomBytes(4).toString("hex");
  const email = `e2e-${like}-${suffix}@baton.local`;
  const id = `e2e_${suffix}`;
  await queryDb(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT $1, $2, $3, "passwordHash", now() FROM "User" WHERE email = $4`,
    [id, email, `E2E ${like} ${suffix}`, USERS[like]],
  );
  await queryDb(
    `INSERT INTO "Membership" (id, "userId", "teamId", role, "updatedAt")
     SELECT $1 || '_' || m."teamId", $1, m."teamId", m.role, now()
     FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $2`,
    [id, USERS[like]],
  );
  return { id, email };
}
