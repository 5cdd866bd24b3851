import { DETECTORS, type TDetector } from "./pii-detectors";

// PII detectors shared by the Entities node and the policy engine: pure, synchronous, no model needed.
// Each detector is a pattern plus a validity check (Luhn, IBAN mod-97, SSN ranges, entropy), so numbers that merely
// look like cards or IBANs are not flagged. When matches overlap, the detector listed first in PII_KINDS wins:
// specific formats (card, IBAN, SSN, IP) are tried before the loose phone pattern.

export const PII_KINDS = ["secret", "email", "credit_card", "iban", "us_ssn", "ipv4", "phone"] as const;
export type TPiiKind = (typeof PII_KINDS)[number];

/** Replacement text per kind when redacting. */
export const PII_REDACTION_LABELS: Record<TPiiKind, string> = {
  secret: "[SECRET]",
  email: "[EMAIL]",
  credit_card: "[CARD]",
  iban: "[IBAN]",
  us_ssn: "[SSN]",
  ipv4: "[IP]",
  phone: "[PHONE]",
};

export type TPiiMatch = { kind: TPiiKind; value: string; start: number; end: number };

/** The value, else (when allowed) its longest prefix ending before a space or dash that is valid. */
function validPart(value: string, detector: TDetector): string | null {
  if (!detector.isValid || detector.isValid(value)) return value;
  if (!detector.canShrink) return null;
  for (let i = value.length - 1; i > 0; i--) {
    if ((value[i] === " " || value[i] === "-") && detector.isValid(value.slice(0, i))) return value.slice(0, i);
  }
  return null;
}

function runDetector(text: string, kind: TPiiKind, detector: TDetector): TPiiMatch[] {
  const matches: TPiiMatch[] = [];
  const { source, flags } = detector.pattern;
  const pattern = new RegExp(source, flags.includes("d") ? flags : `${flags}d`);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.indices?.[detector.group ?? 0]?.[0];
    const raw = m[detector.group ?? 0];
    const value = start === undefined || raw === undefined ? null : validPart(raw, detector);
    if (start === undefined || value === null) {
      // Rejected. A card or IBAN may still start inside the match (an order number written right before a card);
      // other kinds must stand alone, so the scan moves past the whole match.
      pattern.lastIndex = detector.canShrink ? m.index + 1 : m.index + m[0].length;
      continue;
    }
    matches.push({ kind, value, start, end: start + value.length });
    pattern.lastIndex = Math.max(start + value.length, m.index + 1);
  }
  return matches;
}

/** Index of the first span ending after `start` in spans sorted by start and never overlapping. */
function firstEndingAfter(spans: readonly TPiiMatch[], start: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** PII found in a text, sorted by position and never overlapping. `kinds` limits the detectors that run. */
export function detectPii(text: string, options: { kinds?: readonly TPiiKind[] } = {}): TPiiMatch[] {
  const wanted = new Set(options.kinds ?? PII_KINDS);
  // Kept sorted so the overlap check is a binary search: a long text can hold thousands of matches.
  const accepted: TPiiMatch[] = [];
  for (const kind of PII_KINDS) {
    if (!wanted.has(kind)) continue;
    for (const detector of DETECTORS[kind]) {
      for (const match of runDetector(text, kind, detector)) {
        const i = firstEndingAfter(accepted, match.start);
        const next = accepted[i];
        if (!next || next.start >= match.end) accepted.splice(i, 0, match);
      }
    }
  }
  return accepted;
}

/** Replaces each span with its label (e.g. "[EMAIL]"); spans must not overlap. */
export function redactSpans(text: string, spans: readonly { start: number; end: number; label: string }[]): string {
  let result = "";
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + span.label;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

/** The text with every detected PII value replaced by its label, and what was replaced. */
export function redactPii(
  text: string,
  options: { kinds?: readonly TPiiKind[] } = {},
): { text: string; matches: TPiiMatch[] } {
  const matches = detectPii(text, options);
  return {
    text: redactSpans(
      text,
      matches.map((m) => ({ ...m, label: PII_REDACTION_LABELS[m.kind] })),
    ),
    matches,
  };
}

/** Counts per kind, e.g. for a policy decision's reasons: { email: 2, credit_card: 1 }. */
export function countPiiKinds(matches: readonly TPiiMatch[]): Partial<Record<TPiiKind, number>> {
  const counts: Partial<Record<TPiiKind, number>> = {};
  for (const m of matches) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  return counts;
}
