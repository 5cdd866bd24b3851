import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";
import { teamsWhere, type TPrincipal } from "../auth/permissions";
import { validatePolicyDocument } from "../policy/validate-document";
import { SCOPE_LABELS } from "../budgets/budget-input.shared";
import { burnDownBuckets } from "../budgets/burn-down";
import { prepareBurnDown } from "../budgets/burn-down.shared";
import { budgetStatus, type TLedgerDeps } from "../budgets/ledger";
import { orgTimeZone } from "../budgets/org-time-zone";
import { sqlFor } from "../db/sql";
import { canManageBudgetOf } from "../budgets/manage-budgets";
import { budgetTeamId, canSeeBudgetOf } from "../budgets/visible-budgets";
import { parseUsd } from "../policy/money";
import type { TBudgetListItem, TPolicyListItem } from "./policy-list.shared";
import { describeScopes } from "./policy-views";

/**
 * The policies the person may read (policy-access.ts): every one for the organisation admin; else the organisation's
 * and those of the teams where they have policy:read. Each with its scope, current version, draft and whether its
 * current document is readable.
 */
export async function listPolicies(db: TDb, principal: TPrincipal): Promise<TPolicyListItem[]> {
  const teamIds = teamsWhere(principal, "policy:read");
  if (teamIds.length === 0 && !principal.isOrgAdmin) return [];
  const rows = await db.policy.findMany({
    where: principal.isOrgAdmin ? {} : { OR: [{ teamId: null }, { teamId: { in: teamIds } }] },
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      isEnabled: true,
      updatedAt: true,
      scope: true,
      teamId: true,
      workflowId: true,
      agentId: true,
      apiKeyId: true,
      draftRules: true,
      team: { select: { name: true } },
      currentVersion: { select: { number: true, rules: true } },
    },
  });
  const scopes = await describeScopes(db, rows);
  return rows.map((p) => {
    const validation = p.currentVersion ? validatePolicyDocument(p.currentVersion.rules) : null;
    const first = validation && !validation.isValid ? validation.problems[0] : undefined;
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      teamName: p.team?.name ?? null,
      scope: scopes.get(p.id)!,
      isEnabled: p.isEnabled,
      currentVersion: p.currentVersion?.number ?? null,
      hasDraft: p.draftRules !== null,
      problem: first ? `${first.path}: ${first.message}` : null,
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

/**
 * Budgets the person may see (server/budgets/visible-budgets.ts), each with its current period's state from the
 * ledger: spent is the Postgres sum of the calls it covers, reserved the calls in flight (Redis).
 */
export async function listBudgets(deps: TLedgerDeps, principal: TPrincipal): Promise<TBudgetListItem[]> {
  const { db } = deps;
  const rows = await db.budget.findMany({ orderBy: [{ scope: "asc" }, { name: "asc" }], include: { team: { select: { name: true } } } });
  const visible: { b: (typeof rows)[number]; teamId: string | null }[] = [];
  for (const b of rows) {
    const teamId = await budgetTeamId(db, b);
    if (canSeeBudgetOf(principal, teamId)) visible.push({ b, teamId });
  }
  const names = await targetNames(db, visible.map((v) => v.b));
  const zone = await orgTimeZone(db);
  const alerts = await db.budgetAlert.findMany({ where: { budgetId: { in: visible.map((v) => v.b.id) } }, orderBy: { threshold: "asc" } });
  const now = deps.now?.() ?? new Date();
  return Promise.all(
    visible.map(async ({ b, teamId }) => {
      const status = await budgetStatus({ ...deps, now: () => now }, b);
      const buckets = await burnDownBuckets(sqlFor(db), b, { start: status.periodStart, end: status.periodEnd }, zone);
      const amount = parseUsd(b.amountUsd.toFixed());
      const ratio = (usd: string) => (amount === 0n ? 0 : Number((parseUsd(usd) * 1_000_000n) / amount) / 1_000_000);
      const targetId = b.workflowId ?? b.apiKeyId ?? b.agentId ?? b.userId ?? null;
      const target = targetId ? (names.get(targetId) ?? "deleted") : null;
      const team = b.team?.name ?? (teamId ? "Team" : null);
      const scopeLabel =
        b.scope === "org"
          ? "Organisation"
          : b.scope === "team"
            ? (team ?? "Team")
            : `${SCOPE_LABELS[b.scope]}: ${target ?? "none"}${b.scope === "user" ? (team ? ` in ${team}` : " in every team") : ""}`;
      return {
        id: b.id,
        name: b.name,
        scope: b.scope,
        scopeLabel,
        teamId,
        targetId,
        period: b.period,
        periodStart: status.periodStart.toISOString(),
        periodEnd: status.periodEnd.toISOString(),
        amountUsd: b.amountUsd.toFixed(),
        spentUsd: status.spentUsd,
        generatedUsd: status.generatedUsd,
        reservedUsd: status.reservedUsd,
        usedRatio: ratio(status.spentUsd),
        reservedRatio: ratio(status.reservedUsd),
        warnAt: b.warnAt.toNumber(),
        onExceeded: b.onExceeded,
        downgradeTo: b.downgradeTo,
        canManage: canManageBudgetOf(principal, teamId),
        alerts: alerts
          .filter((a) => a.budgetId === b.id && a.periodStart.getTime() === status.periodStart.getTime())
          .map((a) => ({ threshold: a.threshold, at: a.createdAt.toISOString() })),
        burnDown: prepareBurnDown({
          buckets,
          periodStart: status.periodStart.toISOString(),
          periodEnd: status.periodEnd.toISOString(),
          now: now.toISOString(),
          amountUsd: b.amountUsd.toFixed(),
          spentUsd: status.spentUsd,
        }),
      };
    }),
  );
}

/** Names of the budgets' workflows, API keys, agents and people, by id. */
async function targetNames(db: TDb, budgets: Budget[]): Promise<Map<string, string>> {
  const ids = (key: "workflowId" | "apiKeyId" | "agentId" | "userId") => budgets.flatMap((b) => (b[key] ? [b[key]] : []));
  const [workflows, keys, agents, users] = await Promise.all([
    db.workflow.findMany({ where: { id: { in: ids("workflowId") } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { id: { in: ids("apiKeyId") } }, select: { id: true, name: true } }),
    db.agent.findMany({ where: { id: { in: ids("agentId") } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids("userId") } }, select: { id: true, name: true, email: true } }),
  ]);
  return new Map([...workflows, ...keys, ...agents, ...users.map((u) => ({ id: u.id, name: u.name || u.email }))].map((x) => [x.id, x.name]));
}
