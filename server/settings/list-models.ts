import type { TDb } from "../db/client";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TModelListItem } from "./settings.shared";

/** The model catalog with prices (organisation-wide, settings:read). */
export async function listModels(db: TDb, principal: TPrincipal): Promise<TModelListItem[]> {
  assertCan(principal, "settings:read");
  const rows = await db.model.findMany({
    orderBy: [{ provider: { name: "asc" } }, { displayName: "asc" }],
    include: { provider: { select: { name: true, kind: true, isEnabled: true } } },
  });
  return rows.map((m) => ({
    id: m.id,
    providerName: m.provider.name,
    providerKind: m.provider.kind,
    isProviderEnabled: m.provider.isEnabled,
    name: m.name,
    displayName: m.displayName,
    inputPricePerMTok: m.inputPricePerMTok.toFixed(),
    outputPricePerMTok: m.outputPricePerMTok.toFixed(),
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    capabilities: m.capabilities,
    region: m.region,
    isEnabled: m.isEnabled,
  }));
}
