import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { Section } from "@/components/shell/page-header";
import { AlertWebhookForm } from "@/components/settings/organisation/alert-webhook-form";
import { TimeZoneForm } from "@/components/settings/organisation/time-zone-form";
import { can } from "@/server/auth/permissions";
import { ORG_TIME_ZONE_CACHE_TTL_MS } from "@/server/budgets/org-time-zone";
import { viewAlertWebhook } from "@/server/budgets/save-alert-webhook";
import { getDb } from "@/server/db/client";
import { viewOrganisationSettings } from "@/server/settings/organisation-settings";

export const metadata: Metadata = { title: "Organisation · Settings" };

/** The zones this server's Intl knows, UTC first (Intl lists it under Etc/ only). */
function knownZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

export default async function OrganisationSettingsPage() {
  const principal = await requirePage("settings:read");
  const db = getDb();
  const [settings, webhook] = await Promise.all([viewOrganisationSettings(db, principal), viewAlertWebhook(db, principal)]);
  const canWrite = can(principal, "settings:write");
  return (
    <div className="space-y-8">
      <Section title="Time zone" description="The organisation's time zone, which budget periods follow.">
        <TimeZoneForm initial={settings} zones={knownZones()} cacheSeconds={ORG_TIME_ZONE_CACHE_TTL_MS / 1000} canWrite={canWrite} />
      </Section>
      <Section title="Budget alert webhook" description="Where budget threshold alerts are sent besides the audit trail and Baton's own notices.">
        <AlertWebhookForm initial={webhook} canWrite={canWrite} />
      </Section>
    </div>
  );
}
