import type { TDb } from "../db/client";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TProviderListItem } from "./settings.shared";

/** Model providers (organisation-wide, settings:read). */
export async function listProviders(db: TDb, principal: TPrincipal): Promise<TProviderListItem[]> {
  assertCan(principal, "settings:read");
  const rows = await db.provider.findMany({
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      name: true,
      kind: true,
      baseUrl: true,
      isEnabled: true,
      encryptedCredentials: true,
      _count: { select: { models: true } },
    },
  });
  return rows.map(({ encryptedCredentials, _count, ...p }) => ({
    ...p,
    hasCredentials: Boolean(encryptedCredentials),
    modelCount: _count.models,
  }));
}
