// The organisation's time zone, which budget periods follow: SystemSetting "org.timezone" holds an IANA name as a JSON
// string (e.g. "Europe/Berlin"). Missing or unknown to Intl: "UTC", so a bad value can never break a model call.
import type { TDb } from "../db/client";
import { isValidTimeZone } from "./periods";

export const ORG_TIME_ZONE_KEY = "org.timezone";
export const DEFAULT_TIME_ZONE = "UTC";

/**
 * Every reservation reads it, so it is cached per database client. A change applies in every process within this
 * (clearOrgTimeZoneCache applies it at once in the process that saved it).
 */
export const ORG_TIME_ZONE_CACHE_TTL_MS = 5000;

const caches = new WeakMap<object, { at: number; value: Promise<string> }>();

/** Always read from the database. */
export async function loadOrgTimeZone(db: TDb): Promise<string> {
  const row = await db.systemSetting.findUnique({ where: { key: ORG_TIME_ZONE_KEY }, select: { value: true } });
  const value = row?.value;
  return typeof value === "string" && isValidTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

export function orgTimeZone(db: TDb): Promise<string> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < ORG_TIME_ZONE_CACHE_TTL_MS) return hit.value;
  const value = loadOrgTimeZone(db);
  const entry = { at: Date.now(), value };
  caches.set(db, entry);
  // A failed read must not be served from the cache.
  value.catch(() => caches.get(db) === entry && caches.delete(db));
  return value;
}

export function clearOrgTimeZoneCache(db: TDb): void {
  caches.delete(db);
}
