// Who sees which budget: everyone who reads policies sees the budgets that belong to no team (organisation budgets, a
// person's budget across every team) and those of their teams; whoever manages a team's budgets (its admins, the
// organisation admin) sees them too.
import { can, teamsWhere, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";
import { AppError } from "../errors";

/**
 * The team a budget belongs to. Budgets written through the API always carry it; rows written before it was required
 * (workflow or API key budgets without teamId) take their target's team.
 */
export async function budgetTeamId(db: TDb, b: Budget): Promise<string | null> {
  if (b.teamId !== null || b.scope === "org" || b.scope === "user") return b.teamId;
  const target =
    b.scope === "workflow" && b.workflowId
      ? await db.workflow.findUnique({ where: { id: b.workflowId }, select: { teamId: true } })
      : b.scope === "api_key" && b.apiKeyId
        ? await db.apiKey.findUnique({ where: { id: b.apiKeyId }, select: { teamId: true } })
        : b.scope === "agent" && b.agentId
          ? await db.agent.findUnique({ where: { id: b.agentId }, select: { teamId: true } })
          : null;
  return target?.teamId ?? null;
}

export function canSeeBudgetOf(principal: TPrincipal, teamId: string | null): boolean {
  if (principal.isOrgAdmin) return true;
  if (teamId === null) return teamsWhere(principal, "policy:read").length > 0;
  return can(principal, "policy:read", { teamId }) || can(principal, "budget:manage", { teamId });
}

/** The budget, or a 404 when it does not exist or the person may not see it (the same answer, so ids cannot be probed). */
export async function findVisibleBudget(db: TDb, principal: TPrincipal, budgetId: string): Promise<Budget> {
  const budget = await db.budget.findUnique({ where: { id: budgetId } });
  if (budget && canSeeBudgetOf(principal, await budgetTeamId(db, budget))) return budget;
  throw new AppError("NOT_FOUND", "No budget with this id exists, or it belongs to a team you cannot see.");
}
