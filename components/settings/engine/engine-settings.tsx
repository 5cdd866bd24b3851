"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessage, request } from "@/components/shell/api-client";
import { Section } from "@/components/shell/page-header";
import type { TBreakerSettings } from "@/server/net/breaker-settings.shared";
import type { TOutboundSettings } from "@/server/net/outbound-settings.shared";
import type { TEngineStatus } from "@/server/settings/engine-status.shared";
import { BreakersTable } from "./breakers-table";
import { BreakerThresholdsForm } from "./breaker-thresholds-form";
import { EmergencyStopPanel } from "./emergency-stop-panel";
import { engineKeys, STATUS_REFRESH_MS } from "./engine-api";
import { NetworkForm } from "./network-form";
import { EngineQueryProvider } from "./query-provider";
import { QueueTable, WorkerTable } from "./workers-panel";

type TProps = {
  initialStatus: TEngineStatus;
  initialNetwork: TOutboundSettings;
  initialBreakerSettings: TBreakerSettings;
  providers: { id: string; name: string }[];
  canStop: boolean;
  canWrite: boolean;
};

export function EngineSettings(props: TProps) {
  return (
    <EngineQueryProvider>
      <EngineSections {...props} />
    </EngineQueryProvider>
  );
}

const TIME = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

function LiveNote({ checkedAt, error }: { checkedAt: string; error: unknown }) {
  return (
    <p className="flex items-center gap-2 text-xs text-slate-500">
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${error ? "bg-amber-500" : "animate-pulse bg-emerald-500"}`}
      />
      {error ? (
        <span className="text-amber-800">
          Could not refresh ({errorMessage(error)}). Showing the state at {TIME.format(new Date(checkedAt))} UTC.
        </span>
      ) : (
        <span>
          Live · refreshes every {STATUS_REFRESH_MS / 1000} s · updated {TIME.format(new Date(checkedAt))} UTC
        </span>
      )}
    </p>
  );
}

function EngineSections({ initialStatus, initialNetwork, initialBreakerSettings, providers, canStop, canWrite }: TProps) {
  const { data: status, error } = useQuery({
    queryKey: engineKeys.status(),
    queryFn: () => request<TEngineStatus>("/api/engine/status"),
    initialData: initialStatus,
    initialDataUpdatedAt: Date.parse(initialStatus.checkedAt),
    refetchInterval: STATUS_REFRESH_MS,
  });

  return (
    <div className="space-y-8">
      <EmergencyStopPanel state={status.emergencyStop} canStop={canStop} />

      <Section
        title="Workers"
        description="Worker processes alive right now (each announces itself every few seconds) and the jobs in their queues."
      >
        <div className="mb-3">
          <LiveNote checkedAt={status.checkedAt} error={error} />
        </div>
        <WorkerTable workers={status.workers} now={status.checkedAt} />
        <h3 className="mb-2 mt-5 text-sm font-semibold text-slate-900">Queues</h3>
        <QueueTable queues={status.queues} />
      </Section>

      <Section
        title="Circuit breakers"
        description="One per model provider and per outbound host, shared by all workers. An open breaker refuses calls at once, without reaching the failing target, until its next probe."
      >
        <BreakersTable breakers={status.breakers} now={status.checkedAt} canReset={canWrite} />
      </Section>

      <Section
        title="Circuit breaker thresholds"
        description="When a breaker opens and how long it stays open, for all targets and per host or provider. A host without a port covers all its ports. A step with retries that meets an open breaker waits for it without using up an attempt, up to its retry deadline (10 minutes from its first attempt unless the node sets one)."
      >
        <BreakerThresholdsForm initial={initialBreakerSettings} providers={providers} canWrite={canWrite} />
      </Section>

      <Section
        title="Outbound network"
        description="Where HTTP and MCP nodes and model providers may send requests. Each node can narrow this list further, never widen it."
      >
        <NetworkForm initial={initialNetwork} canWrite={canWrite} />
      </Section>
    </div>
  );
}
