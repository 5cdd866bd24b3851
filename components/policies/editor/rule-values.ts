// The policy editor edits a document that may be anything while the person types (the JSON view accepts any JSON):
// these read a part of it leniently (what has the wrong shape reads as empty, and validation names the problem) and
// write it back without touching anything else.
import type { TDocumentProblem } from "@/server/policies/policy-editor.shared";

export type TRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is TRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): TRecord {
  return isRecord(value) ? value : {};
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The strings of a list (anything else in it is left out of the form; the JSON view still shows it). */
export function asStrings(value: unknown): string[] {
  return asList(value).filter((v): v is string => typeof v === "string");
}

/** A copy of `record` with `key` set, or removed when `value` is undefined. */
export function withKey(record: TRecord, key: string, value: unknown): TRecord {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A copy of the list with entry `index` replaced, or removed when `value` is undefined. */
export function withEntry(list: readonly unknown[], index: number, value: unknown): unknown[] {
  return value === undefined ? list.filter((_, i) => i !== index) : list.map((v, i) => (i === index ? value : v));
}

/** "a, b , ,c" → ["a", "b", "c"]. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * A whole number typed in a text field: empty is undefined (the limit is removed), digits are a number, anything
 * else stays text so that validation names the problem ("must be a whole number").
 */
export function parseWholeNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** An amount in US dollars typed in a text field: the document keeps it as text ("12.50"); empty removes it. */
export function parseUsdText(text: string): string | undefined {
  const trimmed = text.trim().replace(/^\$/, "");
  return trimmed === "" ? undefined : trimmed;
}

/** The problem at exactly this path, e.g. "content.patterns[0].pattern". */
export function problemAt(problems: readonly TDocumentProblem[], path: string): string | undefined {
  return problems.find((p) => p.path === path)?.message;
}

/** Problems at this path or under it ("content" covers "content.patterns[0].pattern"). */
export function problemsUnder(problems: readonly TDocumentProblem[], path: string): TDocumentProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}
