import type { TDb } from "../db/client";
import type { TOutboundPolicy } from "./outbound-guard";
import { OUTBOUND_SETTINGS_KEY, ZOutboundSettings, type TOutboundSettings } from "./outbound-settings.shared";

// Missing or unreadable settings mean the strict default (no private networks, any public host): a broken setting
// must never open the network wider.

export { OUTBOUND_SETTINGS_KEY, ZOutboundSettings, type TOutboundSettings };

/**
 * How long the settings an outbound call checks against may be cached per database client. Every HTTP and MCP step
 * reads them, and they change a few times a year: a step must not pay a query for them. A change saved in this
 * process applies at once (saveOutboundSettings clears the cache); other processes (the worker) see it within this.
 */
export const OUTBOUND_SETTINGS_CACHE_TTL_MS = 1000;

const caches = new WeakMap<object, { at: number; value: Promise<TOutboundSettings> }>();

/** Always read from the database (the Settings page and its API). */
export async function loadOutboundSettings(db: TDb): Promise<TOutboundSettings> {
  const row = await db.systemSetting.findUnique({ where: { key: OUTBOUND_SETTINGS_KEY }, select: { value: true } });
  const parsed = ZOutboundSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { allowPrivateNetworks: false, allowedHosts: [] };
}

function cachedOutboundSettings(db: TDb): Promise<TOutboundSettings> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < OUTBOUND_SETTINGS_CACHE_TTL_MS) return hit.value;
  const value = loadOutboundSettings(db);
  const entry = { at: Date.now(), value };
  caches.set(db, entry);
  // A failed read (e.g. a database hiccup) must not be served from the cache.
  value.catch(() => caches.get(db) === entry && caches.delete(db));
  return value;
}

/** Forgets the cached settings of `db` (a save in this process, tests that change them directly). */
export function clearOutboundSettingsCache(db: TDb): void {
  caches.delete(db);
}

/** The policy for one node: the organisation's settings narrowed by the node's own allow-list. */
export async function loadOutboundPolicy(db: TDb, nodeAllowedHosts: string[] = []): Promise<TOutboundPolicy> {
  const settings = await cachedOutboundSettings(db);
  return { ...settings, nodeAllowedHosts };
}
