import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { ModelsSection } from "@/components/settings/models/models-section";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { listModels } from "@/server/settings/list-models";
import { listProviders } from "@/server/providers/manage-providers";

export const metadata: Metadata = { title: "Models · Settings" };

export default async function ModelsPage() {
  const principal = await requirePage("settings:read");
  const [models, providers] = await Promise.all([listModels(getDb(), principal), listProviders(getDb(), principal)]);
  return <ModelsSection items={models} providers={providers} canWrite={can(principal, "settings:write")} />;
}
