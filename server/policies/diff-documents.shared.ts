// Isomorphic and pure: what changed between two policy documents, as a list of paths with their before and after
// values. Objects are compared key by key (keys of `before` in their order, then keys only `after` has); a list of
// plain values (hosts, terms, models) that changed is one change of the whole list, so the page shows both lists
// rather than a shift of every index; a list of objects (patterns, grants) is compared entry by entry.
import { formatPath } from "../shared/storable-json";
import type { TDocumentChange } from "./policy-detail.shared";

type TKey = string | number;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

function pathOf(keys: readonly TKey[]): string {
  return formatPath("", keys).replace(/^\./, "") || "(document)";
}

function walk(before: unknown, after: unknown, keys: TKey[], out: TDocumentChange[]): void {
  if (jsonEqual(before, after)) return;
  const path = pathOf(keys);
  if (before === undefined) {
    out.push({ kind: "added", path, after });
    return;
  }
  if (after === undefined) {
    out.push({ kind: "removed", path, before });
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const names = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const name of names) walk(before[name], after[name], [...keys, name], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) walk(before[i], after[i], [...keys, i], out);
    return;
  }
  out.push({ kind: "changed", path, before, after });
}

/** Every difference from `before` to `after`; empty when they are equal. A missing document counts as `{}`. */
export function diffDocuments(before: unknown, after: unknown): TDocumentChange[] {
  const out: TDocumentChange[] = [];
  walk(before ?? {}, after ?? {}, [], out);
  return out;
}
