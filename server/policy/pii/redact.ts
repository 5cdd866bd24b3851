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
  /** Placeholder (`[EMAIL_1]`) → what it stands for. */
  entries: Record<string, { type: TPiiType; value: string }>;
  /** Last number used per type. */
  counters: Partial<Record<TPiiType, number>>;
};

export type TRedaction = { text: string; detections: TPiiDetection[] };

export function createVault(): TPiiVault {
  return { entries: {}, counters: {} };
}

const PLACEHOLDER = new RegExp(`\\[(${PII_TYPES.map((t) => PII_LABELS[t].placeholder).join("|")})_(\\d{1,9})\\]`, "g");

/** Replaces every detection of `types` in `text` by its placeholder, adding new values to `vault`. */
export function redact(text: string, types: readonly TPiiType[], vault: TPiiVault): TRedaction {
  const detections = detectPii(text, types);
  if (detections.length === 0) return { text, detections };
  const byValue = indexByValue(vault);
  const literal = new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[0]));
  let out = "";
  let from = 0;
  for (const d of detections) {
    out += text.slice(from, d.start) + placeholderFor(d, vault, byValue, literal);
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
