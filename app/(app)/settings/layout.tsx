import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";
import { PageHeader } from "@/components/shell/page-header";
import { SubNav } from "@/components/shell/sub-nav";

const SETTINGS_NAV = [
  { href: "/settings/providers", label: "Providers" },
  { href: "/settings/models", label: "Models" },
  { href: "/settings/teams", label: "Teams" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/engine", label: "Engine" },
];

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  // Checked above the settings loading boundary, so a refusal is an HTTP 403; each page checks again.
  await requirePage("settings:read");
  return (
    <>
      <PageHeader
        title="Settings"
        description="Organisation-wide configuration: model providers, the model catalog, teams, people and API keys."
      />
      <SubNav label="Settings sections" items={SETTINGS_NAV} />
      {children}
    </>
  );
}
