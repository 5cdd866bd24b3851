// Budgets (pre): compares each covering budget's spent + reserved + this call's projected cost with its amount, and
// applies the budget's own action past it. Only a comparison: the ledger (server/budgets/) reserves atomically and
// hands over the state it reserved against. With no projected cost the call is counted as free, so an exhausted
// budget still lets a call through only when it is projected to cost nothing.
import type { TRuleFinding } from "../decision";
import type { TBudgetState } from "../input";
import { formatUsd, parseUsd } from "../money";

export type TBudgetFinding = TRuleFinding & { budget: TBudgetState };

export function checkBudgets(budgets: readonly TBudgetState[], projectedCostUsd: string | undefined): TBudgetFinding[] {
  const findings: TBudgetFinding[] = [];
  const cost = projectedCostUsd === undefined ? 0n : parseUsd(projectedCostUsd);
  for (const b of budgets) {
    const amount = parseUsd(b.amountUsd);
    const spent = parseUsd(b.spentUsd);
    const reserved = parseUsd(b.reservedUsd);
    const after = spent + reserved + cost;
    const state = `${formatUsd(spent)} spent and ${formatUsd(reserved)} reserved of ${formatUsd(amount)}, this call is projected at ${formatUsd(cost)}`;
    if (after > amount) {
      const reason = `it would be exceeded (${state})`;
      if (b.onExceeded === "downgrade") {
        findings.push({ budget: b, kind: "budget", outcome: "allow", note: "downgraded", reason: `${reason}; using ${b.downgradeTo ?? "a cheaper model"} instead` });
      } else findings.push({ budget: b, kind: "budget", outcome: b.onExceeded, reason });
      continue;
    }
    // warnAt has at most the precision people type; per mille is exact enough and keeps the comparison in integers.
    const warnPerMille = BigInt(Math.round(b.warnAt * 1000));
    if (amount > 0n && after * 1000n >= amount * warnPerMille) {
      const percent = (after * 100n) / amount;
      findings.push({ budget: b, kind: "budget", outcome: "allow", note: "warning", reason: `it is at ${percent} % with this call (${state})` });
    }
  }
  return findings;
}
