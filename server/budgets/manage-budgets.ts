// Creating, changing and deleting budgets. Organisation admins manage every budget; a team admin manages the budgets
// of their own teams (team, workflow, API key, agent and person scopes); budgets that belong to no team (organisation
// budgets, a person's budget across every team) are the organisation admin's. Every change is audited with what was
// before and after, in the transaction that makes it, and applies to model calls in this process at once (the budget
// cache is cleared) and in the others within a second.
import { appendAudit } from "../audit/append";
import { can, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import type { Budget, Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { invalidateBudgetCache } from "./budget-cache";
import { ZBudgetInput, type TBudgetInput } from "./budget-input.shared";
import { budgetTeamId, findVisibleBudget } from "./visible-budgets";
import { principalActor } from "../auth/actor";

type TTx = Prisma.TransactionClient;
type TBudgetFields = Pick<Budget, "name" | "scope" | "teamId" | "workflowId" | "apiKeyId" | "agentId" | "userId" | "period" | "downgradeTo" | "onExceeded"> & {
  amountUsd: string;
  warnAt: string;
};

/** A budget as the API returns it (money as decimal strings). */
export function budgetRecord(b: Budget) {
  return {
    id: b.id,
    ...auditable(b),
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** What the audit trail records of a budget (before and after a change). */
function auditable(b: Budget) {
  return {
    name: b.name,
    scope: b.scope,
    teamId: b.teamId,
    workflowId: b.workflowId,
    apiKeyId: b.apiKeyId,
    agentId: b.agentId,
    userId: b.userId,
    period: b.period,
    amountUsd: b.amountUsd.toFixed(),
    warnAt: b.warnAt.toNumber(),
    onExceeded: b.onExceeded,
    downgradeTo: b.downgradeTo,
  };
}

/** The organisation admin for budgets of no team; an admin of the team (or the organisation admin) for a team's. */
export function canManageBudgetOf(principal: TPrincipal, teamId: string | null): boolean {
  return teamId === null ? principal.isOrgAdmin : can(principal, "budget:manage", { teamId });
}

function assertCanManage(principal: TPrincipal, teamId: string | null): void {
  if (canManageBudgetOf(principal, teamId)) return;
  throw new AppError(
    "FORBIDDEN",
    teamId === null
      ? "Only an organisation admin can manage budgets that belong to no team (organisation budgets, or a person's budget across every team)."
      : "You can manage the budgets of teams you administer only. Ask an admin of that team, or an organisation admin.",
  );
}

const invalid = (path: string, message: string) => new AppError("VALIDATION", "Some fields are missing or invalid.", { issues: [{ path, message }] });

/** Checks that the team, the target and the downgrade model exist and belong together; returns the row's fields. */
async function resolveFields(tx: TTx, input: TBudgetInput): Promise<TBudgetFields> {
  const teamId = input.scope === "org" ? null : (input.teamId ?? null);
  if (teamId !== null && !(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) {
    throw invalid("teamId", `No team has the id ${teamId}.`);
  }
  const targets = { workflowId: null as string | null, apiKeyId: null as string | null, agentId: null as string | null, userId: null as string | null };
  const target = input.targetId ?? "";
  if (input.scope === "workflow" || input.scope === "api_key" || input.scope === "agent") {
    const found =
      input.scope === "workflow"
        ? await tx.workflow.findUnique({ where: { id: target }, select: { teamId: true } })
        : input.scope === "api_key"
          ? await tx.apiKey.findUnique({ where: { id: target }, select: { teamId: true } })
          : await tx.agent.findUnique({ where: { id: target }, select: { teamId: true } });
    const noun = input.scope === "workflow" ? "workflow" : input.scope === "api_key" ? "API key" : "agent";
    if (!found || found.teamId !== teamId) throw invalid("targetId", `No ${noun} with the id ${target} belongs to this team.`);
    targets[input.scope === "workflow" ? "workflowId" : input.scope === "api_key" ? "apiKeyId" : "agentId"] = target;
  }
  if (input.scope === "user") {
    const member = teamId
      ? await tx.membership.findFirst({ where: { userId: target, teamId }, select: { id: true } })
      : await tx.user.findUnique({ where: { id: target }, select: { id: true } });
    if (!member) throw invalid("targetId", teamId ? `No member of this team has the user id ${target}.` : `No person has the user id ${target}.`);
    targets.userId = target;
  }
  const downgradeTo = input.onExceeded === "downgrade" ? (input.downgradeTo ?? null) : null;
  if (downgradeTo !== null && !(await tx.model.findFirst({ where: { name: downgradeTo }, select: { id: true } }))) {
    throw invalid("downgradeTo", `No model is named ${downgradeTo}. Choose one from Settings → Models.`);
  }
  return {
    name: input.name,
    scope: input.scope,
    teamId,
    ...targets,
    period: input.period,
    amountUsd: input.amountUsd,
    warnAt: String(input.warnAt),
    onExceeded: input.onExceeded,
    downgradeTo,
  };
}

/** The row as it is now, locked until the transaction ends (two people changing one budget take turns). */
async function lockedBudget(tx: TTx, id: string): Promise<Budget> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Budget" WHERE "id" = ${id} FOR UPDATE`;
  const row = locked.length > 0 ? await tx.budget.findUnique({ where: { id } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "This budget was deleted meanwhile.");
  return row;
}


export async function createBudget(db: TDb, principal: TPrincipal, body: unknown): Promise<Budget> {
  const input = parseOrThrow(ZBudgetInput, body);
  assertCanManage(principal, input.scope === "org" ? null : (input.teamId ?? null));
  const created = await db.$transaction(async (tx) => {
    const fields = await resolveFields(tx, input);
    const row = await tx.budget.create({ data: { ...fields, createdById: principal.id, updatedById: principal.id } });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "budget.created",
      resource: { type: "budget", id: row.id },
      teamId: row.teamId,
      data: { before: null, after: auditable(row) },
    });
    return row;
  });
  invalidateBudgetCache(db);
  return created;
}

/** Replaces every field of a budget (the body is a whole budget, as for create). */
export async function updateBudget(db: TDb, principal: TPrincipal, budgetId: string, body: unknown): Promise<Budget> {
  const existing = await findVisibleBudget(db, principal, budgetId);
  assertCanManage(principal, await budgetTeamId(db, existing));
  const input = parseOrThrow(ZBudgetInput, body);
  assertCanManage(principal, input.scope === "org" ? null : (input.teamId ?? null));
  const updated = await db.$transaction(async (tx) => {
    const before = await lockedBudget(tx, existing.id);
    const fields = await resolveFields(tx, input);
    const row = await tx.budget.update({ where: { id: before.id }, data: { ...fields, updatedById: principal.id } });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "budget.updated",
      resource: { type: "budget", id: row.id },
      teamId: row.teamId ?? before.teamId,
      data: { before: auditable(before), after: auditable(row) },
    });
    return row;
  });
  invalidateBudgetCache(db);
  return updated;
}

/**
 * Deletes a budget. Its ledger rows stay (they record calls, not budgets); reservations held against it are dropped
 * by their settle or expire.
 */
export async function deleteBudget(db: TDb, principal: TPrincipal, budgetId: string): Promise<void> {
  const existing = await findVisibleBudget(db, principal, budgetId);
  assertCanManage(principal, await budgetTeamId(db, existing));
  await db.$transaction(async (tx) => {
    const before = await lockedBudget(tx, existing.id);
    await tx.budget.delete({ where: { id: before.id } });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "budget.deleted",
      resource: { type: "budget", id: before.id },
      teamId: before.teamId,
      data: { before: auditable(before), after: null },
    });
  });
  invalidateBudgetCache(db);
}
