// Settings → Organisation: the time zone budget periods follow. Organisation admins read and change it; every change
// is audited with before and after, and this process applies it at once (others within the zone cache's 5 s).
import { principalActor } from "../auth/actor";
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { clearOrgTimeZoneCache, DEFAULT_TIME_ZONE, ORG_TIME_ZONE_KEY } from "../budgets/org-time-zone";
import type { TDb } from "../db/client";
import { parseOrThrow } from "../errors";
import { canonicalTimeZone, ZOrganisationSettingsInput, type TOrganisationSettings } from "./organisation-settings.shared";

type TReader = Pick<TDb, "systemSetting">;

async function readSettings(db: TReader): Promise<TOrganisationSettings> {
  const row = await db.systemSetting.findUnique({ where: { key: ORG_TIME_ZONE_KEY }, select: { value: true } });
  // As loadOrgTimeZone reads it: an unreadable value counts as UTC.
  const zone = typeof row?.value === "string" ? canonicalTimeZone(row.value) : null;
  return zone ? { timeZone: zone, isTimeZoneSet: true } : { timeZone: DEFAULT_TIME_ZONE, isTimeZoneSet: false };
}

export async function viewOrganisationSettings(db: TDb, principal: TPrincipal): Promise<TOrganisationSettings> {
  assertCan(principal, "settings:read");
  return readSettings(db);
}

/** Sets the time zone ({ timeZone }: an IANA name, stored as its canonical form). The same zone again records nothing. */
export async function saveOrganisationSettings(db: TDb, principal: TPrincipal, body: unknown): Promise<TOrganisationSettings> {
  assertCan(principal, "settings:write");
  const { timeZone } = parseOrThrow(ZOrganisationSettingsInput, body);
  const saved = await db.$transaction(async (tx) => {
    const before = await readSettings(tx);
    if (before.isTimeZoneSet && before.timeZone === timeZone) return before;
    await tx.systemSetting.upsert({
      where: { key: ORG_TIME_ZONE_KEY },
      create: { key: ORG_TIME_ZONE_KEY, value: timeZone, updatedById: principal.id },
      update: { value: timeZone, updatedById: principal.id },
    });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "settings.organisation_updated",
      resource: { type: "system_setting", id: ORG_TIME_ZONE_KEY },
      data: { before: { timeZone: before.timeZone, isSet: before.isTimeZoneSet }, after: { timeZone, isSet: true } },
    });
    return { timeZone, isTimeZoneSet: true };
  });
  clearOrgTimeZoneCache(db);
  return saved;
}
