import { z } from "zod";
import type { TDb } from "../db/client";
import type { TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";

export const ZProfileUpdate = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Keep your name under 100 characters"),
});
export type TProfileUpdate = z.infer<typeof ZProfileUpdate>;

/** A person changes their own display name; audited with the before and after values. */
export async function updateProfile(db: TDb, principal: TPrincipal, input: TProfileUpdate) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: principal.id }, select: { name: true } });
    const user = await tx.user.update({
      where: { id: principal.id },
      data: { name: input.name, updatedById: principal.id },
      select: { id: true, email: true, name: true },
    });
    if (before.name !== user.name) {
      await appendAudit(tx, {
        actor: { type: "user", id: principal.id, label: principal.email },
        action: "user.profile_updated",
        resource: { type: "user", id: principal.id },
        data: { name: { from: before.name, to: user.name } },
      });
    }
    return user;
  });
}
