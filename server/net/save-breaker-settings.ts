// Settings → Engine → Circuit breaker thresholds: the organisation admin saves the defaults and the overrides per host
// or per provider. Audited.
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { BREAKER_SETTINGS_KEY, DEFAULT_BREAKER_SETTINGS, ZBreakerSettings, type TBreakerSettings } from "./breaker-settings.shared";
import { clearBreakerSettingsCache } from "./breaker-settings";
import { principalActor } from "../auth/actor";

function parseUpdate(input: unknown): TBreakerSettings {
  return parseOrThrow(ZBreakerSettings, input);
}

/** Every override's provider must exist: a typo would otherwise configure nothing, silently. */
async function assertProvidersExist(db: TDb, settings: TBreakerSettings): Promise<void> {
  const wanted = settings.overrides.map((o, i) => ({ i, id: o.key.startsWith("provider:") ? o.key.slice("provider:".length) : null }));
  const ids = wanted.flatMap((w) => (w.id ? [w.id] : []));
  if (ids.length === 0) return;
  const found = new Set((await db.provider.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((p) => p.id));
  const issues = wanted.filter((w) => w.id && !found.has(w.id)).map((w) => ({ path: `overrides.${w.i}.key`, message: `No provider has the id ${w.id}.` }));
  if (issues.length > 0) throw new AppError("VALIDATION", "Some fields are missing or invalid.", { issues });
}

/** Validates and stores the thresholds; audits them before and after (nothing changed, no event). */
export async function saveBreakerSettings(db: TDb, principal: TPrincipal, input: unknown): Promise<{ settings: TBreakerSettings; isChanged: boolean }> {
  assertCan(principal, "settings:write");
  const next = parseUpdate(input);
  await assertProvidersExist(db, next);
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.systemSetting.findUnique({ where: { key: BREAKER_SETTINGS_KEY }, select: { value: true } });
    // Like loadBreakerSettings: an unreadable row counts as the defaults.
    const before = ZBreakerSettings.catch(DEFAULT_BREAKER_SETTINGS).parse(row?.value ?? DEFAULT_BREAKER_SETTINGS);
    if (JSON.stringify(before) === JSON.stringify(next)) return { settings: before, isChanged: false };
    await tx.systemSetting.upsert({
      where: { key: BREAKER_SETTINGS_KEY },
      create: { key: BREAKER_SETTINGS_KEY, value: next, updatedById: principal.id },
      update: { value: next, updatedById: principal.id },
    });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "settings.breakers_updated",
      resource: { type: "system_setting", id: BREAKER_SETTINGS_KEY },
      data: { before, after: next },
    });
    return { settings: next, isChanged: true };
  });
  // This process's calls apply the change at once; other processes within BREAKER_SETTINGS_CACHE_TTL_MS.
  clearBreakerSettingsCache(db);
  return saved;
}
