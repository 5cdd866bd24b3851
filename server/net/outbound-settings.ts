import type { TDb } from "../db/client";
import type { TOutboundPolicy } from "./outbound-guard";
import { OUTBOUND_SETTINGS_KEY, ZOutboundSettings, type TOutboundSettings } from "./outbound-settings.shared";

// Missing or unreadable settings mean the strict default (no private networks, any public host): a broken setting
// must never open the network wider.

export { OUTBOUND_SETTINGS_KEY, ZOutboundSettings, type TOutboundSettings };

export async function loadOutboundSettings(db: TDb): Promise<TOutboundSettings> {
  const row = await db.systemSetting.findUnique({ where: { key: OUTBOUND_SETTINGS_KEY }, select: { value: true } });
  const parsed = ZOutboundSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { allowPrivateNetworks: false, allowedHosts: [] };
}

/** The policy for one node: the organisation's settings narrowed by the node's own allow-list. */
export async function loadOutboundPolicy(db: TDb, nodeAllowedHosts: string[] = []): Promise<TOutboundPolicy> {
  const settings = await loadOutboundSettings(db);
  return { ...settings, nodeAllowedHosts };
}
