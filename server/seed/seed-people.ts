import type { TDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import { hashPassword } from "../auth/password";
import type { TSeedCounts } from "./counts";

// Demo people and teams. Create-only: an existing user, team or membership is left exactly as it is (a re-run
// must not re-hash a password, rename a team an admin renamed, or restore a role an admin changed).

export const DEMO_PASSWORD = "baton-demo";

export const DEMO_USERS = [
  { email: "admin@baton.local", name: "Ada Admin", role: "admin" },
  { email: "builder@baton.local", name: "Bo Builder", role: "builder" },
  { email: "approver@baton.local", name: "Avery Approver", role: "approver" },
  { email: "viewer@baton.local", name: "Vic Viewer", role: "viewer" },
] as const satisfies readonly { email: string; name: string; role: Role }[];

export const DEMO_TEAMS = [
  {
    slug: "risk-ops",
    name: "Risk Operations",
    description: "Fraud triage, compliance review and operational incident response.",
  },
  { slug: "customer-care", name: "Customer Care", description: "Support triage and reply drafting for the help desk." },
] as const;

export type TDemoRole = (typeof DEMO_USERS)[number]["role"];
export type TDemoTeamSlug = (typeof DEMO_TEAMS)[number]["slug"];

export type TPeople = {
  userIds: Record<TDemoRole, string>;
  teamIds: Record<TDemoTeamSlug, string>;
};

export async function seedPeople(db: TDb, counts: TSeedCounts): Promise<TPeople> {
  const userIds = {} as Record<TDemoRole, string>;
  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (existing) {
      userIds[user.role] = existing.id;
      continue;
    }
    const created = await db.user.create({
      data: { email: user.email, name: user.name, passwordHash: await hashPassword(DEMO_PASSWORD) },
      select: { id: true },
    });
    userIds[user.role] = created.id;
    counts.users += 1;
  }

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

  // Each demo user holds the same role in both teams, so every role can be tried on every workflow.
  for (const user of DEMO_USERS) {
    for (const team of DEMO_TEAMS) {
      const key = { userId: userIds[user.role], teamId: teamIds[team.slug] };
      const existing = await db.membership.findUnique({ where: { userId_teamId: key }, select: { id: true } });
      if (existing) continue;
      await db.membership.create({ data: { ...key, role: user.role, createdById: userIds.admin } });
      counts.memberships += 1;
    }
  }
  return { userIds, teamIds };
}
