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
  const reasons: string[] = [];
  if (rule.condition !== undefined) {
    const shown = rule.condition.length > 120 ? `${rule.condition.slice(0, 117)}...` : rule.condition;
    // Compiled, cached and guarded (time, depth, sequence) as the engine's own expressions are.
    const compiled = compileExpression(rule.condition);
    if (!compiled.isValid) reasons.push(`the condition ${shown} could not be evaluated (${compiled.message})`);
    else {
      try {
        const result: unknown = await compiled.expression.evaluate(facts.conditionScope ?? {});
        if (result === true) reasons.push(`the condition ${shown} holds`);
      } catch (error) {
        reasons.push(`the condition ${shown} could not be evaluated (it ${describeEvaluationError(error, DEFAULT_EXPRESSION_LIMITS).reason})`);
      }
    }
  }
  const pii = (rule.piiTypes ?? []).filter((t: TPiiType) => (facts.piiCounts.get(t) ?? 0) > 0);
  if (pii.length > 0) reasons.push(`the ${facts.what ?? "prompt"} contains ${describeCounts(facts.piiCounts, pii)}`);
  if (rule.projectedCostOverUsd !== undefined && facts.projectedCostUsd !== undefined) {
    const cost = parseUsd(facts.projectedCostUsd);
    const over = parseUsd(rule.projectedCostOverUsd);
    if (cost > over) reasons.push(`the call is projected at ${formatUsd(cost)}, above ${formatUsd(over)}`);
  }
  const risk = facts.actor.kind === "agent" ? facts.actor.riskClass : undefined;
  if (risk && rule.agentRiskClasses?.includes(risk)) reasons.push(`an agent of risk class ${risk} acts`);
  return reasons.map((reason) => ({ kind: "approvalWhen", outcome: "require_approval", reason }));
}
