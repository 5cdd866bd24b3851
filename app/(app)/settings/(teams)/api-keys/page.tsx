import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { ApiKeyTable } from "@/components/settings/api-key-table";
import { EmptyState } from "@/components/shell/empty-state";
import { getDb } from "@/server/db/client";
import { listApiKeys } from "@/server/settings/list-api-keys";

export const metadata: Metadata = { title: "API keys · Settings" };

export default async function ApiKeysPage() {
  const principal = await requirePage("team:administer");
  const keys = await listApiKeys(getDb(), principal);
  return keys.length === 0 ? (
    <EmptyState
      icon={KeyRound}
      title="No API keys yet"
      description="API keys of your teams are listed here. This version has no page or endpoint that creates them, and no endpoint accepts them: outside systems start workflows through webhooks, each with its own secret."
    />
  ) : (
    <ApiKeyTable items={keys} />
  );
}
