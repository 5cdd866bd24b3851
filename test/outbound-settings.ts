// Test-only: the admin's outbound network setting, written for real. Tests that call loopback stubs (HTTP and MCP
// nodes, model providers) must allow private networks explicitly, as an admin would.
import type { TDb } from "../server/db/client";
import type { Prisma } from "../server/db/generated/client";
import { clearOutboundSettingsCache, OUTBOUND_SETTINGS_KEY, type TOutboundSettings } from "../server/net/outbound-settings";

export async function setOutboundSettings(db: TDb, settings: TOutboundSettings): Promise<void> {
  const value = settings as unknown as Prisma.InputJsonValue;
  await db.systemSetting.upsert({ where: { key: OUTBOUND_SETTINGS_KEY }, create: { key: OUTBOUND_SETTINGS_KEY, value }, update: { value } });
  clearOutboundSettingsCache(db);
}

/** Lets model providers and nodes of `db` reach loopback stubs. */
export function allowPrivateNetworks(db: TDb): Promise<void> {
  return setOutboundSettings(db, { allowPrivateNetworks: true, allowedHosts: [] });
}
