// Signing in with a one-time link (Settings → Users hands them out; one-time-secrets.ts makes them). A link works
// once: the statement that accepts it also marks it used, so two uses at the same moment cannot both pass. It then
// opens a session that may only choose a password (principal.ts), and expires after SIGN_IN_LINK_HOURS unused.
import { z } from "zod";
import { appendAudit } from "../audit/append";
import { ACCOUNT_DISABLED_MESSAGE } from "../auth/principal";
import type { TSignInResult } from "../auth/sign-in";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { hashLinkToken } from "./one-time-secrets";

export const ZLinkSignIn = z.object({
  token: z.string({ error: "This sign-in link is incomplete: open the whole link you were given." }).trim().min(20, "This sign-in link is incomplete: open the whole link you were given.").max(200),
});

export const INVALID_LINK_MESSAGE =
  "This sign-in link is no longer valid: it was used already, has expired or was replaced. Ask an admin for a new one.";

export async function signInWithLink(deps: { db: TDb }, input: unknown, ip: string): Promise<TSignInResult> {
  const { token } = parseOrThrow(ZLinkSignIn, input);
  const { db } = deps;
  const now = new Date();
  const link = await db.signInLink.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { id: true, usedAt: true, user: { select: { id: true, email: true, name: true, isActive: true } } },
  });
  const claimed = link ? await db.signInLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } }) : { count: 0 };
  const fail = (reason: string) =>
    appendAudit(db, {
      actor: { type: "system", label: link?.user.email ?? "sign-in link" },
      action: "auth.sign_in_failed",
      resource: { type: "user", id: link?.user.id ?? null },
      data: { ip, method: "link", reason },
    });
  if (!link || claimed.count !== 1) {
    await fail(!link ? "unknown_link" : link.usedAt ? "link_used" : "link_expired");
    throw new AppError("UNAUTHENTICATED", INVALID_LINK_MESSAGE);
  }
  const { user } = link;
  if (!user.isActive) {
    await fail("disabled");
    throw new AppError("FORBIDDEN", ACCOUNT_DISABLED_MESSAGE);
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await appendAudit(db, {
    actor: { type: "user", id: user.id, label: user.email },
    action: "auth.signed_in",
    resource: { type: "user", id: user.id },
    data: { ip, method: "link" },
  });
  return { id: user.id, email: user.email, name: user.name };
}
