import type { Metadata } from "next";
import { Server } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { ProviderTable } from "@/components/settings/provider-table";
import { EmptyState } from "@/components/shell/empty-state";
import { getDb } from "@/server/db/client";
import { listProviders } from "@/server/providers/manage-providers";

export const metadata: Metadata = { title: "Providers · Settings" };

export default async function ProvidersPage() {
  const principal = await requirePage("settings:read");
  const providers = await listProviders(getDb(), principal);
  return providers.length === 0 ? (
    <EmptyState
      icon={Server}
      title="No model providers configured"
      description="Add a provider (OpenAI, Anthropic, Google or any OpenAI-compatible endpoint) so workflows and the gateway can call models."
    />
  ) : (
    <ProviderTable items={providers} />
  );
}
