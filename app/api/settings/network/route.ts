import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { loadOutboundSettings } from "@/server/net/outbound-settings";
import { saveOutboundSettings, ZOutboundSettingsUpdate } from "@/server/net/save-outbound-settings";

/** The organisation's outbound network settings for HTTP and MCP nodes and model providers. */
export const GET = handler(async () => {
  await requireApi("settings:read");
  return NextResponse.json({ settings: await loadOutboundSettings(getDb()) });
});

/** Replaces them: `{ allowPrivateNetworks, allowedHosts }`; a bad host is a 400 whose issue path names its index. */
export const PUT = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const input = await readJson(req, ZOutboundSettingsUpdate);
  return NextResponse.json(await saveOutboundSettings(getDb(), principal, input));
});
