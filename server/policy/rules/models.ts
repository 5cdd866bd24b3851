// Models rule (pre): allow-lists, deny-lists and the workflow's data classification.
import type { TModelsRule } from "../document";
import { listWords, type TRuleFinding } from "../decision";
import type { TModelRef } from "../input";
import type { TDataClassification } from "../document";

type TMatch = NonNullable<TModelsRule["allow"]>;
const FIELDS = [
  { key: "models", noun: "model", value: (m: TModelRef) => m.name },
  { key: "providers", noun: "provider", value: (m: TModelRef) => m.provider },
  { key: "regions", noun: "region", value: (m: TModelRef) => m.region ?? null },
] as const;

export function checkModels(
  rule: TModelsRule,
  model: TModelRef,
  classification: TDataClassification | undefined,
): TRuleFinding[] {
  const findings: TRuleFinding[] = [];
  const block = (reason: string): void => void findings.push({ kind: "models", outcome: "block", reason });
  for (const f of FIELDS) {
    const value = f.value(model);
    const allowed = rule.allow?.[f.key];
    if (allowed && (value === null || !allowed.includes(value))) {
      block(
        value === null
          ? `model ${model.name} has no known region, and only regions ${listWords(allowed)} are allowed`
          : `${f.noun} ${value} is not on the allow-list (allowed: ${listWords(allowed)})`,
      );
    }
    if (value !== null && rule.deny?.[f.key]?.includes(value)) block(`${f.noun} ${value} is on the deny-list`);
  }
  const forClass: TMatch | undefined = classification ? rule.classifications?.[classification] : undefined;
  if (classification && forClass) {
    for (const f of FIELDS) {
      const value = f.value(model);
      const allowed = forClass[f.key];
      if (allowed && (value === null || !allowed.includes(value))) {
        block(
          `${classification} workflows may only use ${f.key} ${listWords(allowed)}; model ${model.name} ` +
            (value === null ? `has no known ${f.noun}` : `is ${f.noun === "model" ? "not one of them" : `${f.noun} ${value}`}`),
        );
      }
    }
  }
  return findings;
}
