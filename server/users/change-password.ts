// A person chooses their own password: at first sign-in after a one-time password or link (no current password is
// asked: the session was just opened with the one-time secret), or later from Account → Password (the current one is
// asked). Every session of the person ends; the page signs them in again with the new password.
import { appendAudit } from "../audit/append";
import { hashPassword, verifyPassword } from "../auth/password";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { dropUnusedLinks } from "./one-time-secrets";
import { ZPasswordChange } from "./user-input.shared";

const refused = (path: string, message: string) => new AppError("VALIDATION", message, { issues: [{ path, message }] });

export async function changeOwnPassword(db: TDb, userId: string, body: unknown): Promise<{ email: string }> {
  const input = parseOrThrow(ZPasswordChange, body);
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, isActive: true, passwordHash: true, isPasswordChangeRequired: true },
  });
  if (!user?.isActive) throw new AppError("UNAUTHENTICATED", "Sign in to change your password.");
  if (!user.isPasswordChangeRequired) {
    if (!input.currentPassword) throw refused("currentPassword", "Enter your current password");
    if (!user.passwordHash) throw refused("currentPassword", "Your account has no password yet: ask an admin for a one-time password.");
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw refused("currentPassword", "This is not your current password.");
  }
  if (user.passwordHash && (await verifyPassword(user.passwordHash, input.newPassword))) {
    throw refused(
      "newPassword",
      user.isPasswordChangeRequired ? "Choose a password different from the one-time password." : "Choose a password different from your current one.",
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, isPasswordChangeRequired: false, sessionVersion: { increment: 1 }, updatedById: user.id },
    });
    await dropUnusedLinks(tx, user.id);
    await appendAudit(tx, {
      actor: { type: "user", id: user.id, label: user.email },
      action: "user.password_changed",
      resource: { type: "user", id: user.id },
      data: { wasOneTime: user.isPasswordChangeRequired },
    });
  });
  return { email: user.email };
}
