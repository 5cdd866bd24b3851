// The policy engine's two entry points, called around every step and every model call: `evaluatePre` (may it run,
// with what changes?) and `evaluatePost` (what came back, what did it cost?). Pure: no database, no clock, no
// network; the caller resolves the policies (scope.ts), reads the budgets' state and stores the decision.
//
// How several policies combine — the most specific scope narrows, never widens: every policy that applies is
// evaluated on its own, and the decision is the strictest outcome of any rule that fired (block > require_approval >
// redact > allow). No rule can lift another policy's outcome, so in effect allow-lists intersect (an organisation
// allowing a, b, c and a team allowing b, c, d leaves b and c), deny-lists unite, each PII type gets the strongest
// action any policy gives it (a team's "log" cannot weaken the organisation's "redact"), and content, tool, budget
// and approval rules all apply. The result does not depend on the order the policies are given in.
import { describeBudgetFinding, describeFinding, strictest, type TFiredRule, type TPolicyDecision, type TRuleFinding } from "./decision";
import type { TPostInput, TPreInput } from "./input";
import { collectStrings } from "./json-strings";
import { countAtRest, createVault, hasAtRest, type TPiiVault } from "./pii/redact";
import { redactJson } from "./pii/redact-json";
import { detectPii } from "./pii/scan";
import type { TPiiType } from "./pii/types";
import { checkApproval } from "./rules/approval";
import { checkBudgets } from "./rules/budget";
import { checkContent } from "./rules/content";
import { checkModels } from "./rules/models";
import { checkPii, typesOfInterest, type TPiiCounts } from "./rules/pii";
import { checkTools } from "./rules/tools";
import type { TResolvedPolicy } from "./scope";

export async function evaluatePre(input: TPreInput, policies: readonly TResolvedPolicy[]): Promise<TPolicyDecision> {
  const texts = collectStrings(input.payload);
  // What reasons call the payload: a model's prompt, or a tool call's request.
  const what = input.toolCall ? ("request" as const) : ("prompt" as const);
  const piiRules = policies.map((p) => (p.document.pii?.appliesTo.includes("prompt") ? p.document.pii : undefined));
  const approvalPii = policies.flatMap((p) => p.document.approvalWhen?.piiTypes ?? []);
  // A value masked at rest counts as what it stands for: masking where the run stores it must not let a call through
  // that another policy blocks, holds for approval or logs for that type.
  const counts = countPii(texts, typesOfInterest(piiRules, approvalPii), input.vault);
  const fired: TFiredRule[] = [];
  for (const [i, policy] of policies.entries()) {
    const d = policy.document;
    const findings: TRuleFinding[] = [];
    if (d.models && input.model) findings.push(...checkModels(d.models, input.model, input.dataClassification));
    if (d.tools && input.toolCall) findings.push(...checkTools(d.tools, input.toolCall, input));
    const pii = piiRules[i];
    if (pii) findings.push(...checkPii(pii, counts, what));
    if (d.content) findings.push(...checkContent(d.content, texts, input.projected, what, true));
    if (d.approvalWhen) {
      const facts = { conditionScope: input.conditionScope, piiCounts: counts, projectedCostUsd: input.projected?.costUsd, actor: input.actor, what };
      findings.push(...(await checkApproval(d.approvalWhen, facts)));
    }
    fired.push(...attribute(policy, findings));
  }
  // Budgets are checked once each, whatever policies apply: each carries its own action.
  const budgetFindings = checkBudgets(input.budgets ?? [], input.projected?.costUsd);
  for (const f of budgetFindings) {
    const { budget, ...finding } = f;
    fired.push({ ...finding, source: "budget", policyId: budget.id, policyName: budget.name, policyVersion: null, message: describeBudgetFinding(finding, budget) });
  }
  const decision = decide(fired, input.payload, redactedTypes(policies, piiRules, fired), input);
  // The first budget that downgrades names the model; the caller re-evaluates with it.
  const downgradeTo = budgetFindings.find((f) => f.note === "downgraded")?.budget.downgradeTo ?? undefined;
  return downgradeTo && decision.decision !== "block" ? { ...decision, downgradeTo } : decision;
}

/**
 * Only the models rules, for one candidate model: lets a caller skip the targets of a route that policies refuse and
 * fall back to the allowed ones (evaluatePre then runs in full on the first allowed). Empty when the model may run.
 */
export function refusedModel(input: Pick<TPreInput, "model" | "dataClassification">, policies: readonly TResolvedPolicy[]): TFiredRule[] {
  if (!input.model) return [];
  const fired: TFiredRule[] = [];
  for (const policy of policies) {
    if (policy.document.models) fired.push(...attribute(policy, checkModels(policy.document.models, input.model, input.dataClassification)));
  }
  return fired;
}

/**
 * After the step: PII and content rules on what came back, and the per-call limits on what it actually used. An
 * answer cannot be held for a person's approval once the call is made and paid for, so a content rule whose action
 * is require_approval blocks the answer instead (and says so).
 */
export async function evaluatePost(input: TPostInput, policies: readonly TResolvedPolicy[]): Promise<TPolicyDecision> {
  const texts = collectStrings(input.output);
  const what = input.toolCall ? ("response" as const) : ("output" as const);
  const piiRules = policies.map((p) => (p.document.pii?.appliesTo.includes("completion") ? p.document.pii : undefined));
  const counts = countPii(texts, typesOfInterest(piiRules));
  const fired: TFiredRule[] = [];
  for (const [i, policy] of policies.entries()) {
    const findings: TRuleFinding[] = [];
    const pii = piiRules[i];
    if (pii) findings.push(...checkPii(pii, counts, what));
    const content = policy.document.content;
    if (content) {
      for (const f of checkContent(content, texts, input.actual, what, false)) {
        findings.push(f.outcome === "require_approval" ? { ...f, outcome: "block", reason: `${f.reason} (an answer cannot be held for approval, so it is blocked)` } : f);
      }
    }
    fired.push(...attribute(policy, findings));
  }
  return Promise.resolve(decide(fired, input.output, redactedTypes(policies, piiRules, fired), input));
}

/** What the texts carry of `types`; with a vault holding values masked at rest, their placeholders count too. */
function countPii(texts: readonly string[], types: readonly TPiiType[], vault?: TPiiVault): TPiiCounts {
  const counts = new Map<TPiiType, number>();
  if (types.length === 0) return counts;
  const add = (type: TPiiType) => counts.set(type, (counts.get(type) ?? 0) + 1);
  for (const text of texts) for (const d of detectPii(text, types)) add(d.type);
  if (vault && hasAtRest(vault)) {
    for (const text of texts) for (const type of countAtRest(text, vault)) if (types.includes(type)) add(type);
  }
  return counts;
}

function attribute(policy: TResolvedPolicy, findings: readonly TRuleFinding[]): TFiredRule[] {
  return findings.map((f) => ({
    ...f,
    source: "policy" as const,
    policyId: policy.id,
    policyName: policy.name,
    policyVersion: policy.version,
    message: describeFinding(f, policy),
  }));
}

/** The types to replace: those a fired PII rule redacts. */
function redactedTypes(
  policies: readonly TResolvedPolicy[],
  piiRules: readonly (TResolvedPolicy["document"]["pii"] | undefined)[],
  fired: readonly TFiredRule[],
): TPiiType[] {
  if (!fired.some((r) => r.kind === "pii" && r.outcome === "redact")) return [];
  const types = new Set<TPiiType>();
  policies.forEach((_, i) => {
    for (const [type, action] of Object.entries(piiRules[i]?.actions ?? {})) if (action === "redact") types.add(type as TPiiType);
  });
  return [...types];
}

function decide(
  fired: TFiredRule[],
  payload: unknown,
  redact: readonly TPiiType[],
  input: { vault?: TPreInput["vault"] },
): TPolicyDecision {
  const decision = strictest(fired);
  const reason = fired.find((r) => r.outcome === decision && decision !== "allow")?.message ?? "";
  if (redact.length === 0 || decision === "block") return { decision, rules: fired, reason };
  const vault = input.vault ?? createVault();
  return { decision, rules: fired, reason, redactedPayload: redactJson(payload, redact, vault).value, vault };
}
