import type { TDb } from "../db/client";
import { teamsWhere, type TPrincipal } from "../auth/permissions";
import { validatePolicyDocument } from "../policy/validate-document";
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
 * Budgets the person may see: organisation-wide ones, and team/workflow/API-key ones belonging to a team where they
 * have policy:read (a workflow or key budget without its own teamId takes the team of its workflow or key).
 */
export async function listBudgets(db: TDb, principal: TPrincipal): Promise<TBudgetListItem[]> {
  const teamIds = teamsWhere(principal, "policy:read");
  if (teamIds.length === 0) return [];
  const rows = await db.budget.findMany({
    orderBy: [{ scope: "asc" }, { name: "asc" }],
    include: { team: { select: { name: true } } },
  });
  const workflowIds = rows.flatMap((b) => (b.workflowId ? [b.workflowId] : []));
  const apiKeyIds = rows.flatMap((b) => (b.apiKeyId ? [b.apiKeyId] : []));
  const [workflows, keys] = await Promise.all([
    db.workflow.findMany({ where: { id: { in: workflowIds } }, select: { id: true, name: true, teamId: true } }),
    db.apiKey.findMany({ where: { id: { in: apiKeyIds } }, select: { id: true, name: true, teamId: true } }),
  ]);
  const workflowById = new Map(workflows.map((w) => [w.id, w]));
  const keyById = new Map(keys.map((k) => [k.id, k]));

  const items: TBudgetListItem[] = [];
  for (const b of rows) {
    const workflow = b.workflowId ? workflowById.get(b.workflowId) : undefined;
    const key = b.apiKeyId ? keyById.get(b.apiKeyId) : undefined;
    const owningTeam = b.teamId ?? workflow?.teamId ?? key?.teamId ?? null;
    const isVisible = b.scope === "org" ? true : owningTeam !== null && teamIds.includes(owningTeam);
    if (!isVisible) continue;
    const scopeLabel =
      b.scope === "org"
        ? "Organisation"
        : b.scope === "team"
          ? (b.team?.name ?? "Team")
          : b.scope === "workflow"
            ? `Workflow: ${workflow?.name ?? "deleted"}`
            : b.scope === "api_key"
              ? `API key: ${key?.name ?? "deleted"}`
              : b.scope === "agent"
                ? "Agent"
                : "User";
    const amount = b.amountUsd;
    items.push({
      id: b.id,
      name: b.name,
      scope: b.scope,
      scopeLabel,
      period: b.period,
      amountUsd: amount.toFixed(),
      spentUsd: b.spentUsd.toFixed(),
      usedRatio: amount.isZero() ? 0 : b.spentUsd.div(amount).toNumber(),
      warnAt: b.warnAt.toNumber(),
      isHardLimit: b.isHardLimit,
    });
  }
  return items;
}
