import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { saveOrganisationSettings, viewOrganisationSettings } from "@/server/settings/organisation-settings";
import { ZOrganisationSettingsInput } from "@/server/settings/organisation-settings.shared";

export const dynamic = "force-dynamic";

/** The organisation's settings → { timeZone, isTimeZoneSet }: the IANA zone budget periods follow (UTC until set). */
export const GET = handler(async () => {
  const principal = await requireApi("settings:read");
  return NextResponse.json(await viewOrganisationSettings(getDb(), principal));
});

/** Sets them: { timeZone } (an IANA name this server knows, e.g. "Europe/Berlin"; 400 otherwise). Audited. */
export const PUT = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const input = await readJson(req, ZOrganisationSettingsInput);
  return NextResponse.json(await saveOrganisationSettings(getDb(), principal, input));
});
