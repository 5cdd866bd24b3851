import type { TDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import { appendAudit } from "../audit/append";
import { hashPassword, verifyPassword } from "../auth/password";
import type { TSeedCounts } from "./counts";

// Demo people and teams. Create-only: an existing user, team or membership is left exactly as it is (a re-run
// must not re-hash a password someone chose, rename a team an admin renamed, or restore a role an admin changed).
// Two exceptions: the organisation admin (see ensureOrgAdmin), and a demo user still on the password earlier
// versions published (see replacePublishedPassword).

/** The demo password earlier versions gave every installation (and printed in README): it protects nothing. */
export const PUBLISHED_DEMO_PASSWORD = "baton-demo";

/**
 * The demo users' password: the installation's own, from BATON_DEMO_PASSWORD (`npm start` generates one into the
 * secrets file and passes it on). Tests set it to `baton-demo` explicitly.
 */
export function demoPasswordFrom(env: Record<string, string | undefined>): string {
  const value = env.BATON_DEMO_PASSWORD;
  if (!value) {
    throw new Error(
      "BATON_DEMO_PASSWORD is not set: run `npm start` (it generates one into the secrets file) or set it to the password the demo users should have; see README, Demo logins",
    );
  }
  return value;
}

export const DEMO_TEAMS = [
  {
    slug: "risk-ops",
    name: "Risk Operations",
    description: "Fraud triage, compliance review and operational incident response.",
  },
  { slug: "customer-care", name: "Customer Care", description: "Support triage and reply drafting for the help desk." },
] as const;

export type TDemoTeamSlug = (typeof DEMO_TEAMS)[number]["slug"];

const BOTH_TEAMS = ["risk-ops", "customer-care"] as const satisfies readonly TDemoTeamSlug[];

/**
 * `key` names the user in the seed; `role` is their role in each of `teams`. Every role except the team admin is
 * held in both teams, so each can be tried on every workflow; the team admin shows what an admin of one team may do.
 */
export const DEMO_USERS = [
  {
    key: "admin",
    email: "admin@baton.local",
    name: "Ada Admin",
    role: "admin",
    teams: BOTH_TEAMS,
    isOrgAdmin: true,
    summary: "organisation admin: engine, network, providers, every team's audit and people",
  },
  {
    key: "teamadmin",
    email: "teamadmin@baton.local",
    name: "Tess Teamadmin",
    role: "admin",
    teams: ["risk-ops"],
    isOrgAdmin: false,
    summary: "admin of Risk Operations only: its audit, people and API keys",
  },
  {
    key: "builder",
    email: "builder@baton.local",
    name: "Bo Builder",
    role: "builder",
    teams: BOTH_TEAMS,
    isOrgAdmin: false,
    summary: "builds and runs workflows",
  },
  {
    key: "approver",
    email: "approver@baton.local",
    name: "Avery Approver",
    role: "approver",
    teams: BOTH_TEAMS,
    isOrgAdmin: false,
    summary: "decides approvals in the Inbox",
  },
  {
    key: "viewer",
    email: "viewer@baton.local",
    name: "Vic Viewer",
    role: "viewer",
    teams: BOTH_TEAMS,
    isOrgAdmin: false,
    summary: "read-only",
  },
] as const satisfies readonly {
  key: string;
  email: string;
  name: string;
  role: Role;
  teams: readonly TDemoTeamSlug[];
  isOrgAdmin: boolean;
  summary: string;
}[];

export type TDemoUserKey = (typeof DEMO_USERS)[number]["key"];

export type TPeople = {
  userIds: Record<TDemoUserKey, string>;
  teamIds: Record<TDemoTeamSlug, string>;
};

/**
 * Makes the demo organisation admin one on a new installation, and on an existing one that has no organisation
 * admin at all (installed before the role existed). Once any organisation admin exists, a re-run changes nothing,
 * so an admin who revoked the demo admin's role is not overridden.
 */
async function ensureOrgAdmin(db: TDb, userId: string): Promise<void> {
  if ((await db.user.count({ where: { isOrgAdmin: true } })) > 0) return;
  await db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { isOrgAdmin: true }, select: { email: true } });
    await appendAudit(tx, {
      actor: { type: "system", label: "seed" },
      action: "user.org_admin_granted",
      resource: { type: "user", id: userId },
      data: { email: user.email, reason: "no organisation admin existed" },
    });
  });
}

/**
 * A demo user whose password is still the published one gets the installation's, and every session issued under
 * the old one ends. Checked by verifying the stored hash against the published password (never a password someone
 * changed), and written only if the hash is still the one checked. Returns whether it replaced it.
 */
async function replacePublishedPassword(
  db: TDb,
  user: { id: string; email: string; passwordHash: string | null },
  demoPassword: string,
): Promise<boolean> {
  if (demoPassword === PUBLISHED_DEMO_PASSWORD || !user.passwordHash) return false;
  if (!(await verifyPassword(user.passwordHash, PUBLISHED_DEMO_PASSWORD))) return false;
  const passwordHash = await hashPassword(demoPassword);
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (count === 0) return false;
    await appendAudit(tx, {
      actor: { type: "system", label: "seed" },
      action: "user.demo_password_replaced",
      resource: { type: "user", id: user.id },
      data: { email: user.email },
    });
    return true;
  });
}

/** `demoPasswordsReplaced`: emails of demo users whose published password this run replaced. */
export async function seedPeople(
  db: TDb,
  counts: TSeedCounts,
  demoPassword: string,
): Promise<TPeople & { demoPasswordsReplaced: string[] }> {
  const userIds = {} as Record<TDemoUserKey, string>;
  const demoPasswordsReplaced: string[] = [];
  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({
      where: { email: user.email },
      select: { id: true, email: true, passwordHash: true },
    });
    if (existing) {
      userIds[user.key] = existing.id;
      if (await replacePublishedPassword(db, existing, demoPassword)) demoPasswordsReplaced.push(user.email);
      continue;
    }
    const created = await db.user.create({
      data: {
        email: user.email,
        name: user.name,
        passwordHash: await hashPassword(demoPassword),
        isOrgAdmin: user.isOrgAdmin,
      },
      select: { id: true },
    });
    userIds[user.key] = created.id;
    counts.users += 1;
  }
  await ensureOrgAdmin(db, userIds.admin);

  const teamIds = {} as Record<TDemoTeamSlug, string>;
  for (const team of DEMO_TEAMS) {
    const existing = await db.team.findUnique({ where: { slug: team.slug }, select: { id: true } });
    if (existing) {
      teamIds[team.slug] = existing.id;
      continue;
    }
    const created = await db.team.create({ data: { ...team, createdById: userIds.admin }, select: { id: true } });
    teamIds[team.slug] = created.id;
    counts.teams += 1;
  }

  for (const user of DEMO_USERS) {
    for (const slug of user.teams) {
      const key = { userId: userIds[user.key], teamId: teamIds[slug] };
      const existing = await db.membership.findUnique({ where: { userId_teamId: key }, select: { id: true } });
      if (existing) continue;
      await db.membership.create({ data: { ...key, role: user.role, createdById: userIds.admin } });
      counts.memberships += 1;
    }
  }
  return { userIds, teamIds, demoPasswordsReplaced };
}
