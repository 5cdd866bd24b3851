import { createHash } from "node:crypto";

export type TJson = null | boolean | number | string | TJson[] | { [key: string]: TJson };

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
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
