// The choices of the Policies pages: where the person may create a policy (scope targets in the teams where they
// write policies) and what the rule pickers list (teams, workflows, the model catalog's names).
import type { TDb } from "../db/client";
import { can, type TPrincipal } from "../auth/permissions";
import type { TNewPolicyOptions, TRuleOptions } from "./policy-form.shared";

const byName = { name: "asc" } as const;

export async function newPolicyOptions(db: TDb, principal: TPrincipal): Promise<TNewPolicyOptions> {
  const allTeams = await db.team.findMany({ orderBy: byName, select: { id: true, name: true } });
  const teams = allTeams.filter((t) => can(principal, "policy:write", { teamId: t.id }));
  const inTeams = { teamId: { in: teams.map((t) => t.id) } };
  const select = { id: true, name: true, teamId: true } as const;
  const [workflows, agents, apiKeys] = await Promise.all([
    db.workflow.findMany({ where: inTeams, orderBy: byName, select }),
    db.agent.findMany({ where: inTeams, orderBy: byName, select }),
    db.apiKey.findMany({ where: { ...inTeams, revokedAt: null }, orderBy: byName, select }),
  ]);
  return { canWriteOrg: can(principal, "policy:write-org"), teams, targets: { workflow: workflows, agent: agents, api_key: apiKeys } };
}

export async function ruleOptions(db: TDb, principal: TPrincipal): Promise<TRuleOptions> {
  const visible = principal.isOrgAdmin ? {} : { id: { in: principal.memberships.map((m) => m.teamId) } };
  const teams = await db.team.findMany({ where: visible, orderBy: byName, select: { id: true, name: true } });
  const [workflows, models] = await Promise.all([
    db.workflow.findMany({ where: { teamId: { in: teams.map((t) => t.id) } }, orderBy: byName, select: { id: true, name: true, teamId: true } }),
    db.model.findMany({ select: { name: true, region: true, provider: { select: { name: true } } } }),
  ]);
  const sorted = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null && v !== ""))].sort();
  return {
    teams,
    workflows,
    models: sorted(models.map((m) => m.name)),
    providers: sorted(models.map((m) => m.provider.name)),
    regions: sorted(models.map((m) => m.region)),
  };
}
