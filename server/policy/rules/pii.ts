// PII rule: per type, redact, block or log what the detectors found. The redaction itself is done once for all
// policies by the evaluator (the union of the types any policy redacts), so every policy sees the same placeholders.
import type { TPiiRule } from "../document";
import { listWords, type TDecisionKind, type TRuleFinding } from "../decision";
import { PII_LABELS, type TPiiType } from "../pii/types";

export type TPiiCounts = ReadonlyMap<TPiiType, number>;
/** How reasons name what was scanned: a model's prompt and output, a tool call's request and response. */
export type TPayloadName = "prompt" | "output" | "request" | "response";

export function describeCounts(counts: TPiiCounts, types: readonly TPiiType[]): string {
  return listWords(
    types.map((t) => {
      const n = counts.get(t) ?? 0;
      return `${n} ${n === 1 ? PII_LABELS[t].words : PII_LABELS[t].plural}`;
    }),
  );
}

export function checkPii(rule: TPiiRule, counts: TPiiCounts, what: TPayloadName): TRuleFinding[] {
  const byAction: Record<"block" | "redact" | "log", TPiiType[]> = { block: [], redact: [], log: [] };
  for (const [type, action] of Object.entries(rule.actions) as [TPiiType, "block" | "redact" | "log"][]) {
    if ((counts.get(type) ?? 0) > 0) byAction[action].push(type);
  }
  const findings: TRuleFinding[] = [];
  const add = (outcome: TDecisionKind, types: TPiiType[], tail: string, note?: "logged"): void => {
    if (types.length > 0) findings.push({ kind: "pii", outcome, reason: `the ${what} contains ${describeCounts(counts, types)}${tail}`, note });
  };
  add("block", byAction.block, "");
  add("redact", byAction.redact, ", replaced by placeholders");
  add("allow", byAction.log, "", "logged");
  return findings;
}

/** The types any of the rules redacts, blocks, logs or otherwise needs detected. */
export function typesOfInterest(rules: readonly (TPiiRule | undefined)[], extra: readonly TPiiType[] = []): TPiiType[] {
  const types = new Set<TPiiType>(extra);
  for (const r of rules) for (const t of Object.keys(r?.actions ?? {}) as TPiiType[]) types.add(t);
  return [...types];
}
