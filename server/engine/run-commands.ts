// What people (and the API) ask of runs and of the engine: cancel a run, stop everything, resume.
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { appendAudit, type TActor } from "../audit/append";
import { enqueueRun, enqueueRuns } from "../queue/run-queue";
import { emergencyStopKey, publishControl } from "./controls";
import { findWakeableRuns } from "./wakeable-runs";

export async function requestCancel(deps: { db: TDb; redis: TRedis }, runId: string, actor: TActor): Promise<void> {
  const run = await deps.db.run.findUnique({ where: { id: runId }, select: { status: true, teamId: true, cancelRequestedAt: true } });
  if (!run) throw new AppError("NOT_FOUND", "This run does not exist.");
  if (run.status === "SUCCEEDED" || run.status === "FAILED" || run.status === "CANCELLED") {
    throw new AppError("CONFLICT", `This run already ended (${run.status.toLowerCase()}).`);
  }
  if (!run.cancelRequestedAt) {
    await deps.db.$transaction(async (tx) => {
      await tx.run.update({ where: { id: runId }, data: { cancelRequestedAt: new Date() } });
      await appendAudit(tx, { actor, action: "run.cancel_requested", resource: { type: "run", id: runId }, teamId: run.teamId });
    });
  }
  await publishControl(deps.redis, { kind: "cancel", runId });
  await enqueueRun(runId, "cancel");
}

export const EMERGENCY_STOP_SETTING = "engine.emergencyStop";

export async function emergencyStop(deps: { db: TDb; redis: TRedis }, actor: TActor, reason: string): Promise<void> {
  const value = { isActive: true, reason, by: actor.label, at: new Date().toISOString() };
  await deps.db.$transaction(async (tx) => {
    await tx.systemSetting.upsert({ where: { key: EMERGENCY_STOP_SETTING }, create: { key: EMERGENCY_STOP_SETTING, value }, update: { value } });
    await appendAudit(tx, { actor, action: "engine.emergency_stop", resource: { type: "engine" }, data: { reason } });
  });
  await deps.redis.set(emergencyStopKey(), JSON.stringify(value));
  await publishControl(deps.redis, { kind: "emergency-stop" });
}

/**
 * Lifts the emergency stop and wakes every run that has something to do: those it interrupted or kept queued, and
 * waiting ones whose decision, timer or child run came during the stop (their wake-ups were dropped then).
 */
export async function resumeEngine(deps: { db: TDb; redis: TRedis }, actor: TActor): Promise<{ resumed: number }> {
  const value = { isActive: false, by: actor.label, at: new Date().toISOString() };
  await deps.db.$transaction(async (tx) => {
    await tx.systemSetting.upsert({ where: { key: EMERGENCY_STOP_SETTING }, create: { key: EMERGENCY_STOP_SETTING, value }, update: { value } });
    await appendAudit(tx, { actor, action: "engine.resumed", resource: { type: "engine" } });
  });
  await deps.redis.del(emergencyStopKey());
  await publishControl(deps.redis, { kind: "resume" });
  const runIds = await findWakeableRuns(deps.db);
  await enqueueRuns(runIds, "resume");
  return { resumed: runIds.length };
}

/** Restores the Redis flag from Postgres at start-up (Redis keeps nothing across restarts here). */
export async function syncEmergencyStop(deps: { db: TDb; redis: TRedis }): Promise<boolean> {
  const row = await deps.db.systemSetting.findUnique({ where: { key: EMERGENCY_STOP_SETTING } });
  const isActive = (row?.value as { isActive?: boolean } | undefined)?.isActive === true;
  if (isActive) await deps.redis.set(emergencyStopKey(), JSON.stringify(row?.value));
  else await deps.redis.del(emergencyStopKey());
  return isActive;
}
