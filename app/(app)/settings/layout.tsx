import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";
import { PageHeader } from "@/components/shell/page-header";
import { SubNav } from "@/components/shell/sub-nav";
import { SETTINGS_NAV } from "@/server/auth/navigation";
import { can } from "@/server/auth/permissions";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  // Checked above the sections' loading boundaries, so a refusal is an HTTP 403. Builders get in for their teams' API
  // keys; the organisation-wide sections are checked again by (organisation)/layout.tsx and Teams and Users by
  // (teams)/layout.tsx, each above its loading boundary; each page checks its own action.
  const principal = await requirePage("apikey:manage");
  const items = SETTINGS_NAV.filter((item) => can(principal, item.action)).map(({ href, label }) => ({ href, label }));
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          principal.isOrgAdmin
            ? "Organisation-wide configuration: model providers, the model catalog, teams, people, API keys, the engine, and the organisation's time zone and budget alert webhook."
            : can(principal, "team:administer")
              ? "The teams you administer: their members and API keys. Organisation-wide settings are for organisation admins."
              : "Your teams' API keys, which let other systems call Baton's API. Other settings are for admins."
        }
      />
      <SubNav label="Settings sections" items={items} />
      {children}
    </>
  );
}
