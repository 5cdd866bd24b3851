// Isomorphic: the organisation's settings as the API and Settings → Organisation read and write them. Today one: the
// time zone budget periods follow (SystemSetting "org.timezone", read by server/budgets/org-time-zone.ts).
import { z } from "zod";

export type TOrganisationSettings = {
  /** The IANA name budget periods use ("UTC" until one is set). */
  timeZone: string;
  /** False while no zone was ever saved (or the stored one is unreadable): periods then follow UTC. */
  isTimeZoneSet: boolean;
};

const ZONE_HELP = "use an IANA name such as Europe/Berlin, America/New_York or UTC";

/**
 * The zone's canonical IANA name as this runtime's Intl knows it ("europe/berlin" → "Europe/Berlin", "GMT" → "UTC"),
 * or null for anything else: unknown names, and UTC offsets ("+01:00"), which are not zones (no daylight saving).
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const ZTimeZone = z
  .string({ error: `Choose a time zone: ${ZONE_HELP}.` })
  .trim()
  .min(1, `Choose a time zone: ${ZONE_HELP}.`)
  .refine((v) => canonicalTimeZone(v) !== null, { error: (issue) => `"${String(issue.input).slice(0, 80)}" is not a time zone this server knows: ${ZONE_HELP}.` })
  .transform((v) => canonicalTimeZone(v) ?? v);

export const ZOrganisationSettingsInput = z.strictObject({ timeZone: ZTimeZone });
export type TOrganisationSettingsInput = z.input<typeof ZOrganisationSettingsInput>;
