// Grants or revokes the organisation admin role (User.isOrgAdmin). There is no screen for it yet: operators use
// `npm run org-admin -- <email> [--revoke]` (scripts/org-admin.ts). Audited; never leaves the organisation without one.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { appendAudit, type TActor } from "../audit/append";

export const ZOrgAdminChange = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, "Enter a valid email address")
    .pipe(z.email("Enter a valid email address")),
  isOrgAdmin: z.boolean(),
});
export type TOrgAdminChange = z.input<typeof ZOrgAdminChange>;

export type TOrgAdminResult = { email: string; isOrgAdmin: boolean; isChanged: boolean; orgAdminCount: number };

export async function setOrgAdmin(db: TDb, actor: TActor, raw: TOrgAdminChange): Promise<TOrgAdminResult> {
  const input = parseOrThrow(ZOrgAdminChange, raw);
  return db.$transaction(async (tx) => {
    // Locks the current organisation admins, so two revocations at once cannot remove the last two.
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE "isOrgAdmin" FOR UPDATE`;
    const user = await tx.user.findFirst({
      where: { email: { equals: input.email, mode: "insensitive" } },
      select: { id: true, email: true, isOrgAdmin: true },
    });
    if (!user) throw new AppError("NOT_FOUND", `No account has the email ${input.email}.`);
    if (user.isOrgAdmin === input.isOrgAdmin) {
      return { email: user.email, isOrgAdmin: user.isOrgAdmin, isChanged: false, orgAdminCount: admins.length };
    }
    if (!input.isOrgAdmin && admins.length <= 1) {
      throw new AppError(
        "CONFLICT",
        `${user.email} is the only organisation admin: make someone else organisation admin first.`,
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { isOrgAdmin: input.isOrgAdmin } });
    await appendAudit(tx, {
      actor,
      action: input.isOrgAdmin ? "user.org_admin_granted" : "user.org_admin_revoked",
      resource: { type: "user", id: user.id },
      data: { email: user.email },
    });
    const count = admins.length + (input.isOrgAdmin ? 1 : -1);
    return { email: user.email, isOrgAdmin: input.isOrgAdmin, isChanged: true, orgAdminCount: count };
  });
}
