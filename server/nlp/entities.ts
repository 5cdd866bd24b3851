import { detectPii, PII_REDACTION_LABELS, redactSpans, type TPiiKind } from "./pii";
import { analyseText } from "./wink";
import type { TNlpEntityType } from "./entity-types.shared";

// Entities from wink's model (dates, money, URLs…) merged with Baton's PII detectors. Where both see the same text
// (an email address), the PII match wins: it is validated and it is what redaction and policies act on.

export type TEntity = {
  type: TNlpEntityType | TPiiKind;
  value: string;
  start: number;
  end: number;
  source: "nlp" | "pii";
};

export type TEntityResult = {
  entities: TEntity[];
  hasPii: boolean;
  piiCounts: Partial<Record<TPiiKind, number>>;
  /** The text with PII replaced by labels such as [EMAIL] (only when asked for). */
  redactedText?: string;
};

export type TEntityOptions = {
  entityTypes: readonly TNlpEntityType[];
  piiKinds: readonly TPiiKind[];
  isRedacting: boolean;
};

export async function extractEntities(text: string, options: TEntityOptions): Promise<TEntityResult> {
  const pii = detectPii(text, { kinds: options.piiKinds });
  const wanted = new Set<string>(options.entityTypes);
  const nlp = wanted.size > 0 && text.trim() !== "" ? (await analyseText(text)).entities : [];
  const entities: TEntity[] = [
    ...pii.map((m) => ({ type: m.kind, value: m.value, start: m.start, end: m.end, source: "pii" as const })),
    ...nlp
      .filter((e) => wanted.has(e.type) && !pii.some((m) => e.start < m.end && m.start < e.end))
      .map((e) => ({
        type: e.type as TNlpEntityType,
        value: e.value,
        start: e.start,
        end: e.end,
        source: "nlp" as const,
      })),
  ].sort((a, b) => a.start - b.start);

  const piiCounts: TEntityResult["piiCounts"] = {};
  for (const m of pii) piiCounts[m.kind] = (piiCounts[m.kind] ?? 0) + 1;
  const result: TEntityResult = { entities, hasPii: pii.length > 0, piiCounts };
  if (options.isRedacting)
    result.redactedText = redactSpans(
      text,
      pii.map((m) => ({ ...m, label: PII_REDACTION_LABELS[m.kind] })),
    );
  return result;
}
