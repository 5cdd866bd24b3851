import { forbidden, redirect } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { SETTINGS_NAV } from "@/server/auth/navigation";
import { can } from "@/server/auth/permissions";

/** Opens the first section the person may see (Providers for organisation admins, Teams for team admins, API keys for builders). */
export default async function SettingsIndex() {
  const principal = await requirePage("apikey:manage");
  const first = SETTINGS_NAV.find((item) => can(principal, item.action));
  if (!first) forbidden();
  redirect(first.href);
}
