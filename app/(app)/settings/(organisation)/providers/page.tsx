import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { ProviderSection } from "@/components/settings/providers/provider-section";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { listProviders } from "@/server/providers/manage-providers";

export const metadata: Metadata = { title: "Providers · Settings" };

export default async function ProvidersPage() {
  const principal = await requirePage("settings:read");
  const providers = await listProviders(getDb(), principal);
  return <ProviderSection items={providers} canWrite={can(principal, "settings:write")} />;
}
