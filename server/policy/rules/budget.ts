// Budget rule (pre): compares each covering budget's spent + reserved + this call's projected cost with its amount.
// Only a comparison: the atomic reservation (so concurrent calls cannot all pass on the same stale state) is the
// budget ledger's, a later increment. With no projected cost the call is counted as free, so an exhausted budget
// still lets a call through only when it is projected to cost nothing.
import type { TBudgetRule } from "../document";
import type { TRuleFinding } from "../decision";
import type { TBudgetState } from "../input";
import { formatUsd, parseUsd } from "../money";

export function checkBudgets(rule: TBudgetRule, budgets: readonly TBudgetState[], projectedCostUsd: string | undefined): TRuleFinding[] {
  const findings: TRuleFinding[] = [];
  const cost = projectedCostUsd === undefined ? 0n : parseUsd(projectedCostUsd);
  for (const b of budgets) {
    const amount = parseUsd(b.amountUsd);
    const spent = parseUsd(b.spentUsd);
    const reserved = parseUsd(b.reservedUsd);
    const after = spent + reserved + cost;
    const state = `${formatUsd(spent)} spent and ${formatUsd(reserved)} reserved of ${formatUsd(amount)}, this call is projected at ${formatUsd(cost)}`;
    if (after > amount) {
      const reason = `budget "${b.name}" would be exceeded (${state})`;
      if (rule.onExceeded === "downgrade") {
        findings.push({ kind: "budget", outcome: "allow", note: "downgraded", reason: `${reason}; using ${rule.downgradeTo ?? "a cheaper model"} instead` });
      } else findings.push({ kind: "budget", outcome: rule.onExceeded, reason });
      continue;
    }
    // warnAt has at most the precision people type; per mille is exact enough and keeps the comparison in integers.
    const warnPerMille = BigInt(Math.round(rule.warnAt * 1000));
    if (amount > 0n && after * 1000n >= amount * warnPerMille) {
      const percent = (after * 100n) / amount;
      findings.push({ kind: "budget", outcome: "allow", note: "warning", reason: `budget "${b.name}" is at ${percent} % with this call (${state})` });
    }
  }
  return findings;
}
