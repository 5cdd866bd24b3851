// The one decision the policy engine returns, and the rules that led to it.
import type { TRuleKind } from "./document";
import type { TPiiVault } from "./pii/redact";

export const DECISIONS = ["allow", "redact", "require_approval", "block"] as const;
export type TDecisionKind = (typeof DECISIONS)[number];
/** Higher is stricter: block > require_approval > redact > allow. */
export const SEVERITY: Record<TDecisionKind, number> = { allow: 0, redact: 1, require_approval: 2, block: 3 };

/** What one rule of one policy found, before it is attributed to its policy. */
export type TRuleFinding = {
  kind: TRuleKind;
  outcome: TDecisionKind;
  /** The sentence after the policy's name: `model gpt-4o is not on the allow-list (allowed: …)`. */
  reason: string;
  /** An allow that is still worth recording (`log` PII action, budget warning, downgrade); overrides the verb. */
  note?: "logged" | "warning" | "downgraded";
  /**
   * For an approvalWhen finding, what held, one key each (rules/approval.ts: `condition`, `condition-error`,
   * `pii:<type>`, `cost`, `risk:<class>`): an approval given in the run covers later calls for these keys only.
   */
  criteria?: string[];
};

export type TFiredRule = TRuleFinding & {
  /** A policy's rule, or a budget (kind "budget": policyId and policyName are the budget's, no version). */
  source: "policy" | "budget";
  policyId: string;
  policyName: string;
  /** The policy's version; null for a budget. */
  policyVersion: number | null;
  /** The whole sentence a person reads: `Blocked by policy Baseline governance v3: …`, `Blocked by budget "X": …`. */
  message: string;
};

export type TPolicyDecision = {
  decision: TDecisionKind;
  /**
   * Every rule that fired, including logs and warnings, in the order of the policies given (selectPolicies: broadest
   * first), then the budgets'.
   */
  rules: TFiredRule[];
  /** The message of the first rule that decided (empty when allowed). */
  reason: string;
  /** The payload with placeholders, when a redact rule fired and the decision is not block. */
  redactedPayload?: unknown;
  /** The vault the placeholders of redactedPayload are in (the input's, or a new one). */
  vault?: TPiiVault;
  /** The cheaper model a budget downgrades to; the caller re-evaluates with it. */
  downgradeTo?: string;
};

const VERBS: Record<TDecisionKind, string> = {
  allow: "Allowed by",
  redact: "Redacted by",
  require_approval: "Approval required by",
  block: "Blocked by",
};
const NOTE_VERBS: Record<NonNullable<TRuleFinding["note"]>, string> = {
  logged: "Logged by",
  warning: "Warning from",
  downgraded: "Downgraded by",
};

export function describeFinding(f: TRuleFinding, policy: { name: string; version: number }): string {
  return `${f.note ? NOTE_VERBS[f.note] : VERBS[f.outcome]} policy ${policy.name} v${policy.version}: ${f.reason}`;
}

export function describeBudgetFinding(f: TRuleFinding, budget: { name: string }): string {
  return `${f.note ? NOTE_VERBS[f.note] : VERBS[f.outcome]} budget "${budget.name}": ${f.reason}`;
}

export function strictest(rules: readonly TFiredRule[]): TDecisionKind {
  let decision: TDecisionKind = "allow";
  for (const r of rules) if (SEVERITY[r.outcome] > SEVERITY[decision]) decision = r.outcome;
  return decision;
}

/** "a, b and c"; long lists end with "and N more". */
export function listWords(items: readonly string[], max = 10): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}
