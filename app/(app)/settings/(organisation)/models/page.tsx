import type { Metadata } from "next";
import { Cpu } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { ModelTable } from "@/components/settings/model-table";
import { EmptyState } from "@/components/shell/empty-state";
import { getDb } from "@/server/db/client";
import { listModels } from "@/server/settings/list-models";

export const metadata: Metadata = { title: "Models · Settings" };

export default async function ModelsPage() {
  const principal = await requirePage("settings:read");
  const models = await listModels(getDb(), principal);
  return models.length === 0 ? (
    <EmptyState
      icon={Cpu}
      title="The model catalog is empty"
      description="Models appear here once a provider is configured with its catalog and prices."
    />
  ) : (
    <ModelTable items={models} />
  );
}
