// Grants or revokes the organisation admin role (User.isOrgAdmin) from the command line: `npm run org-admin -- <email>
// [--revoke]` (scripts/org-admin.ts); Settings → Users does the same (manage-users.ts). Audited; never leaves the
// organisation without an active one.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { appendAudit, type TActor } from "../audit/append";
import { assertAnotherOrgAdmin, lockActiveOrgAdmins } from "./org-admins";

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

/** `orgAdminCount`: the active organisation admins after the change. */
export type TOrgAdminResult = { email: string; isOrgAdmin: boolean; isChanged: boolean; orgAdminCount: number };

export async function setOrgAdmin(db: TDb, actor: TActor, raw: TOrgAdminChange): Promise<TOrgAdminResult> {
  const input = parseOrThrow(ZOrgAdminChange, raw);
  return db.$transaction(async (tx) => {
    const admins = await lockActiveOrgAdmins(tx);
    const user = await tx.user.findFirst({
      where: { email: { equals: input.email, mode: "insensitive" } },
      select: { id: true, email: true, isOrgAdmin: true },
    });
    if (!user) throw new AppError("NOT_FOUND", `No account has the email ${input.email}.`);
    if (user.isOrgAdmin === input.isOrgAdmin) {
      return { email: user.email, isOrgAdmin: user.isOrgAdmin, isChanged: false, orgAdminCount: admins.length };
    }
    if (!input.isOrgAdmin) assertAnotherOrgAdmin(admins, user, null);
    const updated = await tx.user.update({ where: { id: user.id }, data: { isOrgAdmin: input.isOrgAdmin }, select: { isActive: true } });
    await appendAudit(tx, {
      actor,
      action: input.isOrgAdmin ? "user.org_admin_granted" : "user.org_admin_revoked",
      resource: { type: "user", id: user.id },
      data: { email: user.email, before: { isOrgAdmin: user.isOrgAdmin }, after: { isOrgAdmin: input.isOrgAdmin } },
    });
    const others = admins.filter((id) => id !== user.id).length;
    return { email: user.email, isOrgAdmin: input.isOrgAdmin, isChanged: true, orgAdminCount: others + (input.isOrgAdmin && updated.isActive ? 1 : 0) };
  });
}
