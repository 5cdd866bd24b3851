// Redaction over JSON values (a step's input, a chat request's messages): every string inside objects and arrays is
// redacted or restored; keys are left as they are (they name fields, they are not data sent as content). A value that
// needs no change is returned as the same object, as toStorableJson does on the same hot path.
import { formatPath } from "../../shared/storable-json";
import { redact, restore, translate, type TPiiVault, type TRedactOptions } from "./redact";
import type { TPiiDetection, TPiiType } from "./types";

/** Deeper values are left as they are: the engine's JSON checks refuse such nesting before this runs. */
const MAX_DEPTH = 200;

export type TJsonDetection = TPiiDetection & { path: string };
export type TJsonRedaction<T> = { value: T; detections: TJsonDetection[] };

export function redactJson<T>(value: T, types: readonly TPiiType[], vault: TPiiVault, root = "$", options: TRedactOptions = {}): TJsonRedaction<T> {
  const detections: TJsonDetection[] = [];
  const mapped = mapStrings(value, [], 0, (s, keys) => {
    const r = redact(s, types, vault, options);
    for (const d of r.detections) detections.push({ ...d, path: formatPath(root, keys) });
    return r.text;
  });
  return { value: mapped as T, detections };
}

export function restoreJson<T>(value: T, vault: TPiiVault): T {
  return mapStrings(value, [], 0, (s) => restore(s, vault)) as T;
}

/** Every string's placeholders of `from` rewritten as placeholders of `to` (see translate); `isChanged`: `to` changed. */
export function translateJson<T>(value: T, from: TPiiVault, to: TPiiVault): { value: T; isChanged: boolean } {
  let isChanged = false;
  const mapped = mapStrings(value, [], 0, (s) =>
    translate(s, from, to, () => {
      isChanged = true;
    }),
  ) as T;
  return { value: mapped, isChanged };
}

type TMapString = (s: string, keys: readonly (string | number)[]) => string;

function mapStrings(value: unknown, keys: (string | number)[], depth: number, f: TMapString): unknown {
  if (typeof value === "string") return f(value, keys);
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((entry: unknown, i) => {
      keys.push(i);
      const mapped = mapStrings(entry, keys, depth + 1, f);
      keys.pop();
      if (out === null && mapped !== entry) out = value.slice(0, i);
      if (out !== null) out.push(mapped);
    });
    return out ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  const entries = Object.keys(record);
  entries.forEach((key, i) => {
    keys.push(key);
    const mapped = mapStrings(record[key], keys, depth + 1, f);
    keys.pop();
    if (out === null && mapped !== record[key]) {
      out = {};
      for (const before of entries.slice(0, i)) setOwn(out, before, record[before]);
    }
    if (out !== null) setOwn(out, key, mapped);
  });
  return out ?? value;
}

/** An own property even for "__proto__" (JSON.parse makes such keys; assigning one would set the prototype). */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
