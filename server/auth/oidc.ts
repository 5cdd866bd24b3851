import type { TDb } from "../db/client";
import { getEnv } from "../config/env";
import { appendAudit } from "../audit/append";

/** Why an SSO sign-in got no account: none may be made for it, or the account is disabled. */
export type TOidcRefusal = { refusal: "not_allowed" | "disabled" };

/**
 * Finds or creates the Baton user for an OIDC identity. Existing accounts are linked by email. New people join
 * OIDC_DEFAULT_TEAM with OIDC_DEFAULT_ROLE; without a default team (or with an archived one, which takes no new
 * members), only people who already have an account may sign in.
 */
export async function provisionOidcUser(
  db: TDb,
  identity: { subject: string; email: string; name: string },
): Promise<{ id: string } | TOidcRefusal> {
  const email = identity.email.trim().toLowerCase();
  if (!email) return { refusal: "not_allowed" };
  const env = getEnv();
  const existing = await db.user.findFirst({ where: { OR: [{ oidcSubject: identity.subject }, { email }] } });
  if (existing) {
    if (!existing.isActive) return { refusal: "disabled" };
    await db.user.update({ where: { id: existing.id }, data: { oidcSubject: identity.subject, lastSignInAt: new Date() } });
    await appendAudit(db, {
      actor: { type: "user", id: existing.id, label: existing.email },
      action: "auth.signed_in",
      resource: { type: "user", id: existing.id },
      data: { method: "oidc" },
    });
    return { id: existing.id };
  }
  if (!env.OIDC_DEFAULT_TEAM) return { refusal: "not_allowed" };
  const team = await db.team.findUnique({ where: { slug: env.OIDC_DEFAULT_TEAM } });
  if (!team || team.archivedAt) return { refusal: "not_allowed" };
  const user = await db.user.create({
    data: {
      email,
      name: identity.name || email,
      oidcSubject: identity.subject,
      lastSignInAt: new Date(),
      memberships: { create: { teamId: team.id, role: env.OIDC_DEFAULT_ROLE } },
    },
  });
  await appendAudit(db, {
    actor: { type: "system", label: "oidc" },
    action: "user.provisioned",
    resource: { type: "user", id: user.id },
    teamId: team.id,
    data: { email, role: env.OIDC_DEFAULT_ROLE, team: team.slug },
  });
  return { id: user.id };
}
