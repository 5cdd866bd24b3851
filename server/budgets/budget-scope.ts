// Which model calls a budget covers. One definition, used twice: in memory for a call about to be made (coveringBudgets)
// and in SQL for the ledger's rows of a period (spentSql). The two must agree, or Redis's running total would drift
// from the Postgres sum it is initialised from.
import type { Budget } from "../db/generated/client";

/** Who and what a model call is made for, as the ledger records it on its UsageEntry row. */
export type TSpendContext = { teamId: string | null; workflowId?: string; apiKeyId?: string; userId?: string; agentId?: string };

export type TBudgetScopeFields = Pick<Budget, "scope" | "teamId" | "workflowId" | "apiKeyId" | "agentId" | "userId">;

/**
 * org: every call. team: the team's calls. workflow, API key, agent: calls made for it. user: the person's calls — in
 * the budget's team when it has one (a team admin limits what the person spends in that team), else in every team.
 */
export function covers(b: TBudgetScopeFields, ctx: TSpendContext): boolean {
  switch (b.scope) {
    case "org":
      return true;
    case "team":
      return b.teamId !== null && b.teamId === ctx.teamId;
    case "workflow":
      return b.workflowId !== null && b.workflowId === ctx.workflowId;
    case "api_key":
      return b.apiKeyId !== null && b.apiKeyId === ctx.apiKeyId;
    case "agent":
      return b.agentId !== null && b.agentId === ctx.agentId;
    case "user":
      return b.userId !== null && b.userId === ctx.userId && (b.teamId === null || b.teamId === ctx.teamId);
  }
}

/**
 * The WHERE condition (over "UsageEntry") for the rows the budget covers, with its parameters numbered from `first`.
 * A budget missing its target covers nothing, as in `covers`.
 */
export function scopeCondition(b: TBudgetScopeFields, first: number): { sql: string; params: unknown[] } {
  const p = (n: number) => `$${first + n}`;
  switch (b.scope) {
    case "org":
      return { sql: "TRUE", params: [] };
    case "team":
      return { sql: `"teamId" = ${p(0)}`, params: [b.teamId] };
    case "workflow":
      return { sql: `"workflowId" = ${p(0)}`, params: [b.workflowId] };
    case "api_key":
      return { sql: `"apiKeyId" = ${p(0)}`, params: [b.apiKeyId] };
    case "agent":
      return { sql: `"agentId" = ${p(0)}`, params: [b.agentId] };
    case "user":
      return b.teamId === null
        ? { sql: `"userId" = ${p(0)}`, params: [b.userId] }
        : { sql: `"userId" = ${p(0)} AND "teamId" = ${p(1)}`, params: [b.userId, b.teamId] };
  }
}
