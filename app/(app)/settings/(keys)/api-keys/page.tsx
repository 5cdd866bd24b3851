import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { ApiKeysSection } from "@/components/settings/api-keys/api-keys-section";
import { getDb } from "@/server/db/client";
import { apiKeyFormOptions, listApiKeys } from "@/server/api-keys/list-api-keys";

export const metadata: Metadata = { title: "API keys · Settings" };

export default async function ApiKeysPage() {
  const principal = await requirePage("apikey:manage");
  const db = getDb();
  const [keys, teams] = await Promise.all([listApiKeys(db, principal), apiKeyFormOptions(db, principal)]);
  return <ApiKeysSection items={keys} teams={teams} />;
}
