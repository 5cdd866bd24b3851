import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { EngineSettings } from "@/components/settings/engine/engine-settings";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { loadOutboundSettings } from "@/server/net/outbound-settings";
import { getRedis } from "@/server/redis/client";
import { getEngineStatus } from "@/server/settings/engine-status";

export const metadata: Metadata = { title: "Engine · Settings" };

export default async function EngineSettingsPage() {
  const principal = await requirePage("settings:read");
  const db = getDb();
  const [status, network] = await Promise.all([
    getEngineStatus({ db, redis: getRedis() }, principal),
    loadOutboundSettings(db),
  ]);
  return (
    <EngineSettings
      initialStatus={status}
      initialNetwork={network}
      canStop={can(principal, "system:emergency-stop")}
      canWrite={can(principal, "settings:write")}
    />
  );
}
