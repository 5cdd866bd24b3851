// Settings → Engine: the state an organisation admin watches (emergency stop, live workers, queues, circuit breakers) and the two
// engine-wide commands, stop and resume.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { EMERGENCY_STOP_SETTING, emergencyStop, resumeEngine } from "../engine/run-commands";
import { createCircuitBreaker, type TBreakerInfo } from "../net/circuit-breaker";
import { getQueue } from "../queue/connection";
import { QUEUE } from "../queue/definitions";
import { listWorkers } from "../workers/presence";
import type { TBreakerRow, TEmergencyStopState, TEngineStatus, TQueueCounts } from "./engine-status.shared";
import { principalActor } from "../auth/actor";

type TDeps = { db: TDb; redis: TRedis };

const ZStopValue = z
  .object({
    isActive: z.boolean().catch(false),
    reason: z.string().optional(),
    by: z.string().optional(),
    at: z.string().optional(),
  })
  .catch({ isActive: false });

/** Postgres holds the truth; workers follow the Redis flag that stop/resume set next to it. */
export async function readEmergencyStop(db: TDb): Promise<TEmergencyStopState> {
  const row = await db.systemSetting.findUnique({ where: { key: EMERGENCY_STOP_SETTING }, select: { value: true } });
  const value = ZStopValue.parse(row?.value ?? {});
  return {
    isStopped: value.isActive,
    reason: value.isActive ? (value.reason ?? null) : null,
    changedBy: value.by ?? null,
    changedAt: value.at ?? null,
  };
}

/** Queues the workers consume; `waiting` includes prioritized jobs, which wait just the same. */
async function countQueues(): Promise<TQueueCounts[]> {
  const names = [QUEUE.runs, QUEUE.schedules, QUEUE.system];
  return Promise.all(
    names.map(async (name) => {
      const c = await getQueue(name).getJobCounts("waiting", "prioritized", "active", "delayed", "failed");
      return {
        name,
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
      };
    }),
  );
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Open and half-open breakers first, then the busiest; provider keys get the provider's name. */
async function describeBreakers(db: TDb, infos: TBreakerInfo[]): Promise<TBreakerRow[]> {
  const providerIds = infos.filter((b) => b.key.startsWith("provider:")).map((b) => b.key.slice("provider:".length));
  const providers = providerIds.length
    ? await db.provider.findMany({ where: { id: { in: providerIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const rank = { open: 0, half_open: 1, closed: 2 } as const;
  return infos
    .map((b): TBreakerRow => {
      const [prefix, ...rest] = b.key.split(":");
      const target = rest.join(":");
      const kind = prefix === "provider" ? "provider" : prefix === "host" ? "host" : "other";
      const label =
        kind === "provider" ? (names.get(target) ?? `Deleted provider ${target}`) : kind === "host" ? target : b.key;
      return {
        key: b.key,
        kind,
        label,
        state: b.state,
        failures: b.failures,
        openedAt: iso(b.openedAt),
        nextProbeAt: iso(b.nextProbeAt),
      };
    })
    .sort((a, b) => rank[a.state] - rank[b.state] || b.failures - a.failures || a.key.localeCompare(b.key));
}

export async function getEngineStatus(deps: TDeps, principal: TPrincipal): Promise<TEngineStatus> {
  assertCan(principal, "settings:read");
  const [emergency, workers, queues, infos] = await Promise.all([
    readEmergencyStop(deps.db),
    listWorkers(deps.redis),
    countQueues(),
    createCircuitBreaker(deps.redis).listBreakers(),
  ]);
  return {
    emergencyStop: emergency,
    workers: workers.map(({ id, host, pid, startedAt, queues: q, concurrency, version }) => ({
      id,
      host,
      pid,
      startedAt,
      queues: q,
      concurrency,
      version,
    })),
    queues,
    breakers: await describeBreakers(deps.db, infos),
    checkedAt: new Date().toISOString(),
  };
}


/** Stops every run engine-wide (audited by `emergencyStop`). Refuses to overwrite an active stop and its reason. */
export async function stopEngine(deps: TDeps, principal: TPrincipal, reason: string): Promise<TEmergencyStopState> {
  assertCan(principal, "system:emergency-stop");
  const current = await readEmergencyStop(deps.db);
  if (current.isStopped) {
    throw new AppError(
      "CONFLICT",
      `The engine is already stopped (by ${current.changedBy ?? "someone"}). Resume it first.`,
    );
  }
  await emergencyStop(deps, principalActor(principal), reason);
  return readEmergencyStop(deps.db);
}

/** Lifts the emergency stop; returns how many queued or running runs were woken. */
export async function resumeStoppedEngine(
  deps: TDeps,
  principal: TPrincipal,
): Promise<{ emergencyStop: TEmergencyStopState; resumed: number }> {
  assertCan(principal, "system:emergency-stop");
  const current = await readEmergencyStop(deps.db);
  if (!current.isStopped) throw new AppError("CONFLICT", "The engine is running: there is nothing to resume.");
  const { resumed } = await resumeEngine(deps, principalActor(principal));
  return { emergencyStop: await readEmergencyStop(deps.db), resumed };
}
