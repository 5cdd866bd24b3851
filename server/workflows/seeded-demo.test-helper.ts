// For integration tests of the workflow list's actions: a test database with the demo organisation (people, teams,
// catalog, credentials, the Help Centre, the three demo workflows), without generated history.
import { createTestDatabase, type TTestDb } from "@/test/db";
import type { TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { loadPrincipal } from "../auth/principal";
import { seedDemo } from "../seed";
import type { TDemoTeamSlug } from "../seed/seed-people";

export type TSeededDemo = {
  t: TTestDb;
  teamIds: Record<TDemoTeamSlug, string>;
  principal(role: "admin" | "builder" | "approver" | "viewer"): Promise<TPrincipal>;
  /** The seeded demo workflow of that name. */
  workflowId(name: string): Promise<string>;
};

export async function createSeededDemo(label: string): Promise<TSeededDemo> {
  const t = await createTestDatabase(label);
  await seedDemo(t.db, { historyDays: 0, now: new Date("2026-11-18T14:30:00.000Z") });
  const teams = await t.db.team.findMany({ select: { id: true, slug: true } });
  const teamIds = Object.fromEntries(teams.map((x) => [x.slug, x.id])) as Record<TDemoTeamSlug, string>;
  return {
    t,
    teamIds,
    async principal(role) {
      const user = await t.db.user.findUniqueOrThrow({ where: { email: `${role}@baton.local` } });
      const principal = await loadPrincipal(t.db, user.id);
      if (!principal) throw new Error(`no principal for ${role}`);
      return principal;
    },
    async workflowId(name) {
      return (await t.db.workflow.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
    },
  };
}

/** The AppError a promise rejects with (anything else fails the test), or null when it resolves. */
export function errorOf(promise: Promise<unknown>): Promise<AppError | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );
}
