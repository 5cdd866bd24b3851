// "Approved earlier in this run" (approvalWhen.per "run"): which approvals a person already gave in a run cover a call
// the policies would hold now. Pure: the run engine reads the run's approved policy approvals from Postgres
// (server/governance/earlier-approvals.ts), the simulator takes each earlier simulated hold as approved; both ask here.
//
// An approval covers what its approver saw, no more: a rule asking now is covered only when it is an approvalWhen rule
// of a policy asking once per run, and every criterion it holds for (the condition, each PII type, the projected cost,
// the agent's risk class) was held, for the same policy id and version, by an approval given in the run; a projected
// cost only up to the cost that approval was asked for. Content and budget rules asking for approval are never covered.
import type { TFiredRule } from "./decision";
import { approvalPerOf, type TApprovalPer } from "./document";
import { parseUsd, USD_PATTERN } from "./money";
import type { TResolvedPolicy } from "./scope";

/** What an approval a policy asked for held, per policy version: stored in the approval's details (`holds`). */
export type TApprovalHold = { policyId: string; policyVersion: number; per: TApprovalPer; criteria: string[] };

/** An approval given earlier in the run: what it held, and the projected cost of the call it was asked for. */
export type TGivenApproval = { holds: readonly TApprovalHold[]; projectedCostUsd?: string | null };

const policyOf = (rule: TFiredRule, policies: readonly TResolvedPolicy[]) =>
  policies.find((p) => p.id === rule.policyId && p.version === rule.policyVersion);

/** The approvalWhen rules of a decision asking for approval, by policy version: what an approval for it will cover. */
export function holdsOf(rules: readonly TFiredRule[], policies: readonly TResolvedPolicy[]): TApprovalHold[] {
  const holds = new Map<string, TApprovalHold>();
  for (const r of rules) {
    if (r.kind !== "approvalWhen" || r.outcome !== "require_approval" || r.source !== "policy" || r.policyVersion === null) continue;
    const rule = policyOf(r, policies)?.document.approvalWhen;
    if (!rule) continue;
    const key = `${r.policyId}\u0000${r.policyVersion}`;
    const hold = holds.get(key) ?? { policyId: r.policyId, policyVersion: r.policyVersion, per: approvalPerOf(rule), criteria: [] };
    for (const c of r.criteria ?? []) if (!hold.criteria.includes(c)) hold.criteria.push(c);
    holds.set(key, hold);
  }
  return [...holds.values()];
}

/**
 * The approvals (of `given`, in its order) that together cover every rule of `rules` asking for approval; null when
 * none asks or any one is not covered (see the top of this file).
 */
export function coveringApprovals<T extends TGivenApproval>(
  rules: readonly TFiredRule[],
  policies: readonly TResolvedPolicy[],
  given: readonly T[],
  projectedCostUsd?: string,
): T[] | null {
  const asking = rules.filter((r) => r.outcome === "require_approval");
  if (asking.length === 0 || given.length === 0) return null;
  const used = new Set<T>();
  for (const r of asking) {
    if (r.kind !== "approvalWhen" || r.source !== "policy" || !r.criteria || r.criteria.length === 0) return null;
    const rule = policyOf(r, policies)?.document.approvalWhen;
    if (!rule || approvalPerOf(rule) !== "run") return null;
    for (const criterion of r.criteria) {
      const by = given.find(
        (a) =>
          a.holds.some((h) => h.policyId === r.policyId && h.policyVersion === r.policyVersion && h.criteria.includes(criterion)) &&
          (criterion !== "cost" || isWithin(projectedCostUsd, a.projectedCostUsd)),
      );
      if (!by) return null;
      used.add(by);
    }
  }
  return given.filter((a) => used.has(a));
}

/** The call's projected cost is at most the one the approval was asked for. */
function isWithin(now: string | undefined, approved: string | null | undefined): boolean {
  if (now === undefined || !approved || !USD_PATTERN.test(now) || !USD_PATTERN.test(approved)) return false;
  return parseUsd(now) <= parseUsd(approved);
}
