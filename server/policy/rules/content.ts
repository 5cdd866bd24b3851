// Content rule: blocked terms (case-insensitive), patterns (checked for catastrophic shapes when the policy was
// saved), and per-call limits on tokens and cost; applied to the prompt before a step and to its output after.
import type { TContentRule } from "../document";
import type { TRuleFinding } from "../decision";
import type { TUsage } from "../input";
import { formatUsd, parseUsd } from "../money";
import type { TPayloadName } from "./pii";

const PATTERN_CACHE_LIMIT = 1000;
const patterns = new Map<string, RegExp>();

function compiled(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    if (patterns.size >= PATTERN_CACHE_LIMIT) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}

export function checkContent(
  rule: TContentRule,
  texts: readonly string[],
  usage: TUsage | undefined,
  what: TPayloadName,
  /** Pre: projected usage ("may produce up to"); post: what the call actually used. */
  isProjected: boolean,
): TRuleFinding[] {
  const reasons: string[] = [];
  const lowered = rule.blockedTerms.length > 0 ? texts.map((t) => t.toLowerCase()) : [];
  for (const term of rule.blockedTerms) {
    const needle = term.toLowerCase();
    if (lowered.some((t) => t.includes(needle))) reasons.push(`the ${what} contains the blocked term "${term}"`);
  }
  for (const p of rule.patterns) {
    const re = compiled(p.pattern, p.flags);
    if (texts.some((t) => re.test(t))) reasons.push(`the ${what} matches the blocked pattern ${p.label ? `"${p.label}"` : `/${p.pattern}/${p.flags}`}`);
  }
  const size = isProjected ? "may use up to" : "used";
  if (what === "prompt" && rule.maxPromptTokens !== undefined && (usage?.promptTokens ?? 0) > rule.maxPromptTokens) {
    reasons.push(`the prompt has ${usage?.promptTokens} tokens; the limit is ${rule.maxPromptTokens}`);
  }
  if (rule.maxCompletionTokens !== undefined && (usage?.completionTokens ?? 0) > rule.maxCompletionTokens) {
    reasons.push(`the call ${size} ${usage?.completionTokens} completion tokens; the limit is ${rule.maxCompletionTokens}`);
  }
  if (rule.maxCostPerCallUsd !== undefined && usage?.costUsd !== undefined) {
    const cost = parseUsd(usage.costUsd);
    const max = parseUsd(rule.maxCostPerCallUsd);
    if (cost > max) reasons.push(`the call ${isProjected ? "is projected at" : "cost"} ${formatUsd(cost)}; the limit per call is ${formatUsd(max)}`);
  }
  return reasons.map((reason) => ({ kind: "content", outcome: rule.action, reason }));
}
