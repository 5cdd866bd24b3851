import type { TDb } from "../db/client";
import type { TBreakerOptions } from "./circuit-breaker";
import { BREAKER_SETTINGS_KEY, DEFAULT_BREAKER_SETTINGS, thresholdsFor, ZBreakerSettings, type TBreakerSettings } from "./breaker-settings.shared";

// The breakers' thresholds as every caller of a breaker reads them (HTTP, MCP and AI steps). Missing or unreadable
// settings mean today's defaults.

/**
 * How long the thresholds may be cached per database client: every guarded call reads them, and a step must not pay a
 * query for that. A save in this process applies at once (saveBreakerSettings clears the cache); other processes (the
 * workers) pick it up within this, without a restart.
 */
export const BREAKER_SETTINGS_CACHE_TTL_MS = 5000;

const caches = new WeakMap<object, { at: number; value: Promise<TBreakerSettings> }>();

/** Always read from the database (the Settings page and its API). */
export async function loadBreakerSettings(db: TDb): Promise<TBreakerSettings> {
  const row = await db.systemSetting.findUnique({ where: { key: BREAKER_SETTINGS_KEY }, select: { value: true } });
  const parsed = ZBreakerSettings.safeParse(row?.value ?? DEFAULT_BREAKER_SETTINGS);
  return parsed.success ? parsed.data : DEFAULT_BREAKER_SETTINGS;
}

function cachedBreakerSettings(db: TDb): Promise<TBreakerSettings> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < BREAKER_SETTINGS_CACHE_TTL_MS) return hit.value;
  const value = loadBreakerSettings(db);
  const entry = { at: Date.now(), value };
  caches.set(db, entry);
  // A failed read must not be served from the cache.
  value.catch(() => caches.get(db) === entry && caches.delete(db));
  return value;
}

export function clearBreakerSettingsCache(db: TDb): void {
  caches.delete(db);
}

/** The options the breaker of `key` runs with (its override, else the defaults). */
export async function breakerOptionsFor(db: TDb, key: string): Promise<Partial<TBreakerOptions>> {
  const t = thresholdsFor(await cachedBreakerSettings(db), key);
  return {
    failureThreshold: t.failureThreshold,
    windowMs: t.windowMs,
    coolDownMs: t.coolDownMs,
    failureRate: t.failureRate ?? undefined,
  };
}
