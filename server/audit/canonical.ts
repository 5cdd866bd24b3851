import { createHash } from "node:crypto";

export type TJson = null | boolean | number | string | TJson[] | { [key: string]: TJson };

/**
 * JSON with object keys sorted at every level, so the same event always hashes the same. Written directly (every
 * audit event and every Sandbox call goes through here); the output is exactly what the original definition,
 * JSON.stringify of a copy whose objects were rebuilt with sorted keys, produced: see canonical.test.ts.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (key: string) => key.charCodeAt(0) <= 57 && ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/** Object keys in the order a rebuilt object would list them: array-index keys first (numerically), then the rest. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort(byCodeUnits);
  if (!keys.some(isArrayIndex)) return keys;
  const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isArrayIndex(k))];
}

/** undefined where JSON.stringify leaves a value out (undefined, functions, symbols). */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return JSON.stringify(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? "," : ""}${(i in value ? write(value[i]) : undefined) ?? "null"}`;
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  let out = "{";
  let isFirst = true;
  for (const key of sortedKeys(record)) {
    const item = write(record[key]);
    if (item === undefined) continue;
    out += `${isFirst ? "" : ","}${JSON.stringify(key)}:${item}`;
    isFirst = false;
  }
  return `${out}}`;
}

export const GENESIS_HASH = "0".repeat(64);

export type THashedFields = {
  id: string;
  /** Chain 0 is left out of the hashed payload, so events written before there were several chains still verify. */
  chain?: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  teamId: string | null;
  data: unknown;
};

/** The canonical JSON of an event, as hashed. */
export function canonicalEventBody(event: THashedFields): string {
  return canonicalJson({ ...event, occurredAt: event.occurredAt.toISOString() });
}

/** hash = sha256(prevHash + canonical JSON of the event). The SQL append (baton_audit_append) computes the same. */
export function hashEvent(prevHash: string, event: THashedFields): string {
  return createHash("sha256").update(prevHash + canonicalEventBody(event)).digest("hex");
}
