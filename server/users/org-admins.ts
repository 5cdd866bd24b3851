// The organisation always keeps an active organisation admin: one rule for the Settings → Users API and the
// `npm run org-admin` script.
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";

type TTx = Prisma.TransactionClient;

/** The active organisation admins' ids, locked until the transaction ends (two removals at once take turns). */
export async function lockActiveOrgAdmins(tx: TTx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE "isOrgAdmin" AND "isActive" ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** Refuses a change that would leave no active organisation admin once `userId` is no longer one. */
export function assertAnotherOrgAdmin(admins: string[], user: { id: string; email: string }, actorId: string | null): void {
  if (admins.some((id) => id !== user.id)) return;
  throw new AppError(
    "CONFLICT",
    user.id === actorId
      ? "You are the only organisation admin: make someone else organisation admin first."
      : `${user.email} is the only organisation admin: make someone else organisation admin first.`,
  );
}
