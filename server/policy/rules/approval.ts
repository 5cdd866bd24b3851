// "Approval required when" (pre): a JSONata condition over the step's context, PII of given types, a projected cost
// over an amount, or an agent of a given risk class. A condition that cannot be evaluated (error, timeout) requires
// approval too: a rule that cannot tell must not let the step through unseen.
import { compileExpression, DEFAULT_EXPRESSION_LIMITS } from "../../engine/expressions";
import { describeEvaluationError } from "../../engine/jsonata-value.shared";
import type { TApprovalRule } from "../document";
import type { TRuleFinding } from "../decision";
import type { TPolicyActor } from "../input";
import { formatUsd, parseUsd } from "../money";
import type { TPiiType } from "../pii/types";
import { describeCounts, type TPiiCounts } from "./pii";

export type TApprovalFacts = {
  conditionScope: unknown;
  piiCounts: TPiiCounts;
  projectedCostUsd?: string;
  actor: TPolicyActor;
  /** How the reason names what was scanned ("prompt" for a model call, "request" for a tool call). */
  what?: "prompt" | "request";
};

export async function checkApproval(rule: TApprovalRule, facts: TApprovalFacts): Promise<TRuleFinding[]> {
  const held: { reason: string; criteria: string[] }[] = [];
  if (rule.condition !== undefined) {
    const shown = rule.condition.length > 120 ? `${rule.condition.slice(0, 117)}...` : rule.condition;
    // Compiled, cached and guarded (time, depth, sequence) as the engine's own expressions are.
    const compiled = compileExpression(rule.condition);
    if (!compiled.isValid) held.push({ reason: `the condition ${shown} could not be evaluated (${compiled.message})`, criteria: ["condition-error"] });
    else {
      try {
        const result: unknown = await compiled.expression.evaluate(facts.conditionScope ?? {});
        if (result === true) held.push({ reason: `the condition ${shown} holds`, criteria: ["condition"] });
      } catch (error) {
        const reason = `the condition ${shown} could not be evaluated (it ${describeEvaluationError(error, DEFAULT_EXPRESSION_LIMITS).reason})`;
        held.push({ reason, criteria: ["condition-error"] });
      }
    }
  }
  const pii = (rule.piiTypes ?? []).filter((t: TPiiType) => (facts.piiCounts.get(t) ?? 0) > 0);
  if (pii.length > 0) held.push({ reason: `the ${facts.what ?? "prompt"} contains ${describeCounts(facts.piiCounts, pii)}`, criteria: pii.map((t) => `pii:${t}`) });
  if (rule.projectedCostOverUsd !== undefined && facts.projectedCostUsd !== undefined) {
    const cost = parseUsd(facts.projectedCostUsd);
    const over = parseUsd(rule.projectedCostOverUsd);
    if (cost > over) held.push({ reason: `the call is projected at ${formatUsd(cost)}, above ${formatUsd(over)}`, criteria: ["cost"] });
  }
  const risk = facts.actor.kind === "agent" ? facts.actor.riskClass : undefined;
  if (risk && rule.agentRiskClasses?.includes(risk)) held.push({ reason: `an agent of risk class ${risk} acts`, criteria: [`risk:${risk}`] });
  return held.map(({ reason, criteria }) => ({ kind: "approvalWhen", outcome: "require_approval", reason, criteria }));
}
