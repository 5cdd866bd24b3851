// Reversible redaction: each detected value becomes a placeholder (`[EMAIL_1]`, `[CARD_2]`) recorded in a vault, and
// `restore` puts the values back. Within one vault (one run), the same value of the same type always gets the same
// placeholder, so a model sees consistent references and its answer can be restored.
//
// The vault is a plain JSON-serialisable object, changed in place by `redact`. It holds the raw values: encrypting it
// at rest (with BATON_SECRET_KEY) and deciding where restoring is allowed are the caller's job, not this module's.
//
// Restoring replaces only placeholders the vault holds, in one pass (a restored value is never read again). A text
// that already contains a placeholder-shaped token is safe within one `redact` call: new placeholders skip numbers
// that appear literally in that text. A literal `[EMAIL_1]` in a later text of the same run will, however, be
// restored to that run's first email: that is what lets a model's answer be restored at all.
import { PII_LABELS, PII_TYPES, type TPiiDetection, type TPiiType } from "./types";
import { detectPii } from "./scan";

export type TPiiVault = {
  /**
   * Placeholder (`[EMAIL_1]`) → what it stands for. `isAtRest`: the value was masked where the run stores it (a policy's
   * pii.maskAtRest), so later steps see only the placeholder where they would have seen the value; the rules checked
   * before a call count such a placeholder as the value it stands for (countAtRest).
   */
  entries: Record<string, { type: TPiiType; value: string; isAtRest?: true }>;
  /** Last number used per type. */
  counters: Partial<Record<TPiiType, number>>;
};

export type TRedaction = { text: string; detections: TPiiDetection[] };

export function createVault(): TPiiVault {
  return { entries: {}, counters: {} };
}

const PLACEHOLDER = new RegExp(`\\[(${PII_TYPES.map((t) => PII_LABELS[t].placeholder).join("|")})_(\\d{1,9})\\]`, "g");

/** How a redaction records its values: `isAtRest` marks them as masked where the run stores them. */
export type TRedactOptions = { isAtRest?: boolean };

/** Replaces every detection of `types` in `text` by its placeholder, adding new values to `vault`. */
export function redact(text: string, types: readonly TPiiType[], vault: TPiiVault, options: TRedactOptions = {}): TRedaction {
  const detections = detectPii(text, types);
  if (detections.length === 0) return { text, detections };
  const byValue = indexByValue(vault);
  const literal = new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[0]));
  let out = "";
  let from = 0;
  for (const d of detections) {
    const placeholder = placeholderFor(d, vault, byValue, literal);
    if (options.isAtRest) vault.entries[placeholder]!.isAtRest = true;
    out += text.slice(from, d.start) + placeholder;
    from = d.end;
  }
  return { text: out + text.slice(from), detections };
}

/** Puts back every placeholder the vault knows; others (and all other text) stay as they are. */
export function restore(text: string, vault: TPiiVault): string {
  if (!text.includes("[")) return text;
  return text.replace(PLACEHOLDER, (placeholder) =>
    Object.hasOwn(vault.entries, placeholder) ? vault.entries[placeholder]!.value : placeholder,
  );
}

/**
 * The type of every placeholder in `text` that stands for a value masked at rest, once per occurrence: what the
 * text would have carried had the value not been masked where the run stores it.
 */
export function countAtRest(text: string, vault: TPiiVault): TPiiType[] {
  if (!text.includes("[")) return [];
  const types: TPiiType[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const entry = Object.hasOwn(vault.entries, m[0]) ? vault.entries[m[0]] : undefined;
    if (entry?.isAtRest) types.push(entry.type);
  }
  return types;
}

/** The distinct placeholders in `text` that the vault knows (what restoring it would put back). */
export function knownPlaceholders(text: string, vault: TPiiVault): string[] {
  if (!text.includes("[")) return [];
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[0]).filter((p) => Object.hasOwn(vault.entries, p)))];
}

/** Whether any value of the vault was masked at rest (cheap enough per call: a vault holds one run's values). */
export function hasAtRest(vault: TPiiVault): boolean {
  for (const placeholder in vault.entries) if (vault.entries[placeholder]!.isAtRest) return true;
  return false;
}

/**
 * Rewrites the placeholders of `from` found in `text` as placeholders of `to` (the same value keeps its placeholder
 * in `to`, a new one gets the next number there), carrying `isAtRest`. What a sub-workflow's run returns is in its
 * own vault's placeholders; the parent run stores it in its own. `onVaultChange` is called when `to` gains or marks an
 * entry (the text may read the same: a new placeholder can take the number it had in `from`).
 */
export function translate(text: string, from: TPiiVault, to: TPiiVault, onVaultChange: () => void = () => undefined): string {
  if (!text.includes("[")) return text;
  let byValue: Map<string, string> | undefined;
  // Placeholder-shaped text `from` does not know stays as it is, so no new placeholder may take its name.
  const literal = new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[0]).filter((p) => !Object.hasOwn(from.entries, p)));
  return text.replace(PLACEHOLDER, (placeholder) => {
    const entry = Object.hasOwn(from.entries, placeholder) ? from.entries[placeholder]! : undefined;
    if (!entry) return placeholder;
    byValue ??= indexByValue(to);
    const known = byValue.get(`${entry.type}\u0000${entry.value}`);
    const mapped = known ?? placeholderFor({ type: entry.type, value: entry.value, start: 0, end: 0 }, to, byValue, literal);
    if (known === undefined || (entry.isAtRest && !to.entries[mapped]!.isAtRest)) onVaultChange();
    if (entry.isAtRest) to.entries[mapped]!.isAtRest = true;
    return mapped;
  });
}

function indexByValue(vault: TPiiVault): Map<string, string> {
  const index = new Map<string, string>();
  for (const [placeholder, e] of Object.entries(vault.entries)) index.set(`${e.type}\u0000${e.value}`, placeholder);
  return index;
}

function placeholderFor(d: TPiiDetection, vault: TPiiVault, byValue: Map<string, string>, literal: Set<string>): string {
  const key = `${d.type}\u0000${d.value}`;
  const known = byValue.get(key);
  if (known !== undefined) return known;
  let n = vault.counters[d.type] ?? 0;
  let placeholder: string;
  do {
    n += 1;
    placeholder = `[${PII_LABELS[d.type].placeholder}_${n}]`;
  } while (literal.has(placeholder) || Object.hasOwn(vault.entries, placeholder));
  vault.counters[d.type] = n;
  vault.entries[placeholder] = { type: d.type, value: d.value };
  byValue.set(key, placeholder);
  return placeholder;
}
