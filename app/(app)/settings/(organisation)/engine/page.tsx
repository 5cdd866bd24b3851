import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { EngineSettings } from "@/components/settings/engine/engine-settings";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { loadBreakerSettings } from "@/server/net/breaker-settings";
import { loadOutboundSettings } from "@/server/net/outbound-settings";
import { getRedis } from "@/server/redis/client";
import { getEngineStatus } from "@/server/settings/engine-status";
import { listProviders } from "@/server/providers/manage-providers";

export const metadata: Metadata = { title: "Engine · Settings" };

export default async function EngineSettingsPage() {
  const principal = await requirePage("settings:read");
  const db = getDb();
  const [status, network, breakerSettings, providers] = await Promise.all([
    getEngineStatus({ db, redis: getRedis() }, principal),
    loadOutboundSettings(db),
    loadBreakerSettings(db),
    listProviders(db, principal),
  ]);
  return (
    <EngineSettings
      initialStatus={status}
      initialNetwork={network}
      initialBreakerSettings={breakerSettings}
      providers={providers.map(({ id, name }) => ({ id, name }))}
      canStop={can(principal, "system:emergency-stop")}
      canWrite={can(principal, "settings:write")}
    />
  );
}
