// The choices of the budget form: the teams where the person manages budgets, with their workflows, API keys, agents
// and members, and the models a budget may downgrade to.
import type { TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import type { TBudgetFormOptions } from "./budget-input.shared";
import { canManageBudgetOf } from "./manage-budgets";

export async function budgetFormOptions(db: TDb, principal: TPrincipal): Promise<TBudgetFormOptions> {
  const allTeams = await db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  const teams = allTeams.filter((t) => canManageBudgetOf(principal, t.id));
  const teamIds = teams.map((t) => t.id);
  const inTeams = { teamId: { in: teamIds } };
  const [workflows, apiKeys, agents, members, people, models] = await Promise.all([
    db.workflow.findMany({ where: inTeams, orderBy: { name: "asc" }, select: { id: true, name: true, teamId: true } }),
    db.apiKey.findMany({ where: { ...inTeams, revokedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, teamId: true } }),
    db.agent.findMany({ where: inTeams, orderBy: { name: "asc" }, select: { id: true, name: true, teamId: true } }),
    db.membership.findMany({ where: inTeams, select: { teamId: true, user: { select: { id: true, name: true, email: true } } } }),
    principal.isOrgAdmin ? db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, name: true, email: true } }) : Promise.resolve([]),
    db.model.findMany({ orderBy: { name: "asc" }, distinct: ["name"], select: { name: true } }),
  ]);
  const person = (u: { id: string; name: string; email: string }) => (u.name ? `${u.name} (${u.email})` : u.email);
  return {
    canManageOrg: principal.isOrgAdmin,
    teams,
    targets: {
      workflow: workflows,
      api_key: apiKeys,
      agent: agents,
      user: members.map((m) => ({ id: m.user.id, name: person(m.user), teamId: m.teamId })).sort((a, b) => a.name.localeCompare(b.name)),
    },
    people: people.map((u) => ({ id: u.id, name: person(u) })),
    models: models.map((m) => m.name),
  };
}
