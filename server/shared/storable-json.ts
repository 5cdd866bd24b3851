// PostgreSQL stores neither U+0000 (in text or jsonb) nor a lone UTF-16 surrogate (not Unicode text at all). Values
// the engine did not choose (step outputs, error messages of executors) are made storable where they enter it: every
// NUL and lone surrogate, in strings and in object keys, becomes U+FFFD (the Unicode replacement character, what a
// decoder writes for text it cannot read), and the paths where that happened are reported. Input from people is
// refused instead, with a 400 naming the field. The character rule itself lives in storable-text.ts, for both.
//
// Hot path (every step output): one walk that allocates only when something changes; an unchanged value is returned
// as the same object.
import { isStorableText, toStorableString } from "./storable-text";

export { REPLACEMENT_CHARACTER, toStorableString } from "./storable-text";
/** Deeper values are left as they are (the caller's JSON check refuses such nesting). */
const MAX_DEPTH = 200;
/** Paths listed in a report at most; the count covers all. */
export const MAX_REPORTED_PATHS = 5;

export type TStorableJson<T = unknown> = {
  value: T;
  /** Strings and keys that were replaced, in all. */
  replacedCount: number;
  /** Where (at most MAX_REPORTED_PATHS), e.g. `output.items[2].name`; a replaced key is shown as stored. */
  replacedPaths: string[];
};

/** `ancestors`: the objects on the path to the current value (a cycle through them is not walked again). */
type TWalk = { keys: (string | number)[]; root: string; count: number; paths: string[]; ancestors: Set<object> };

/**
 * The value as JSON stores it, made storable: Dates become ISO strings (an invalid one null), undefined properties
 * disappear and undefined array entries become null (as JSON.stringify does), NUL and lone surrogates become U+FFFD.
 * Anything that is not plain JSON (a function, a Map, a cycle) is left in place for the caller's check to refuse.
 */
export function toStorableJson<T = unknown>(value: T, root = "$"): TStorableJson<T> {
  const walk: TWalk = { keys: [], root, count: 0, paths: [], ancestors: new Set() };
  const safe = storable(value, walk, 0) as T;
  return { value: safe, replacedCount: walk.count, replacedPaths: walk.paths };
}

function storable(value: unknown, walk: TWalk, depth: number): unknown {
  if (typeof value === "string") {
    const safe = toStorableString(value);
    if (safe !== value) replaced(walk);
    return safe;
  }
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return value;
  // A cycle is left in place for the caller's check to refuse: walking it again, `c.a = c; c.b = c` would take
  // 2^MAX_DEPTH steps.
  if (walk.ancestors.has(value)) return value;
  walk.ancestors.add(value);
  const safe = storableObjectOrArray(value, walk, depth);
  walk.ancestors.delete(value);
  return safe;
}

function storableObjectOrArray(value: object, walk: TWalk, depth: number): unknown {
  if (Array.isArray(value)) return storableArray(value, walk, depth);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return storableObject(value as Record<string, unknown>, walk, depth);
}

function storableArray(array: unknown[], walk: TWalk, depth: number): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < array.length; i += 1) {
    const entry = array[i];
    walk.keys.push(i);
    const safe = entry === undefined ? null : storable(entry, walk, depth + 1);
    walk.keys.pop();
    if (out === null && safe !== entry) out = array.slice(0, i);
    if (out !== null) out.push(safe);
  }
  return out ?? array;
}

function storableObject(object: Record<string, unknown>, walk: TWalk, depth: number): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    const entry = object[key];
    let safeKey = key;
    if (!isStorableText(key)) {
      const repaired = toStorableString(key);
      safeKey = repaired;
      // Two keys may differ only in what was replaced: the later one gets a suffix, so no value is lost.
      for (let n = 2; Object.hasOwn(object, safeKey) || (out !== null && Object.hasOwn(out, safeKey)); n += 1) {
        safeKey = `${repaired} (${n})`;
      }
      walk.keys.push(safeKey);
      replaced(walk);
      walk.keys.pop();
    }
    walk.keys.push(safeKey);
    const safe = entry === undefined ? undefined : storable(entry, walk, depth + 1);
    walk.keys.pop();
    if (out === null && (safeKey !== key || safe !== entry)) out = copyBefore(object, keys, i);
    if (out !== null && safe !== undefined) setOwn(out, safeKey, safe);
  }
  return out ?? object;
}

/** The entries before index `end`, unchanged (they were storable), without undefined ones. */
function copyBefore(object: Record<string, unknown>, keys: string[], end: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < end; i += 1) {
    const key = keys[i]!;
    if (object[key] !== undefined) setOwn(out, key, object[key]);
  }
  return out;
}

/** An own property even for "__proto__" (JSON.parse makes such keys; assigning one would set the prototype). */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function replaced(walk: TWalk): void {
  walk.count += 1;
  if (walk.paths.length < MAX_REPORTED_PATHS) walk.paths.push(formatPath(walk.root, walk.keys));
}

export function formatPath(root: string, keys: readonly (string | number)[]): string {
  let path = root;
  for (const key of keys) {
    if (typeof key === "number") path += `[${key}]`;
    else path += /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return path;
}

/** "output.s and output.t", "output.a, output.b and 7 more": a report short enough for a step's record. */
export function describeReplacements(r: Pick<TStorableJson, "replacedCount" | "replacedPaths">): string {
  const more = r.replacedCount - r.replacedPaths.length;
  const listed = more > 0 ? [...r.replacedPaths, `${more} more`] : r.replacedPaths;
  return listed.length <= 1 ? (listed[0] ?? "") : `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}`;
}
