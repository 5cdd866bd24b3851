// Schedule triggers: one BullMQ job scheduler per workflow whose published version starts with a Schedule trigger
// and which is not paused. Kept in step on publish, pause, resume and archive, and re-synced from Postgres when a
// worker starts (Redis keeps nothing across restarts here).
import type { z } from "zod";
import type { TDb } from "../db/client";
import { QUEUE, type TScheduleJob } from "../queue/definitions";
import { getQueue } from "../queue/connection";
import { getCompiledVersion } from "./compile-version";
import type { ZScheduleTriggerConfig } from "../nodes/trigger-schedule/definition";
import type { TRedis } from "../redis/client";
import { startRun } from "./start-run";
import { scheduleInput } from "./trigger-input";

type TScheduleConfig = z.infer<typeof ZScheduleTriggerConfig>;
const schedulerId = (workflowId: string) => `wf-${workflowId}`;

async function scheduleOf(db: TDb, workflowId: string): Promise<TScheduleConfig | null> {
  const wf = await db.workflow.findUnique({ where: { id: workflowId }, select: { status: true, publishedVersion: { select: { id: true, graph: true } } } });
  if (!wf?.publishedVersion || wf.status !== "published") return null;
  const version = getCompiledVersion(wf.publishedVersion.id, wf.publishedVersion.graph);
  const trigger = version.index.triggerId ? version.nodes.get(version.index.triggerId) : undefined;
  return trigger?.node.type === "trigger.schedule" ? (trigger.config as TScheduleConfig) : null;
}

export async function syncWorkflowSchedule(db: TDb, workflowId: string): Promise<"scheduled" | "removed"> {
  const schedule = await scheduleOf(db, workflowId);
  const queue = getQueue(QUEUE.schedules);
  if (!schedule) {
    await queue.removeJobScheduler(schedulerId(workflowId));
    return "removed";
  }
  const job: TScheduleJob = { workflowId };
  await queue.upsertJobScheduler(schedulerId(workflowId), { pattern: schedule.cron, tz: schedule.timezone }, { name: "fire", data: job });
  return "scheduled";
}

/** At worker start: every published, unpaused workflow with a schedule trigger gets its scheduler; others lose theirs. */
export async function syncAllSchedules(db: TDb): Promise<number> {
  const queue = getQueue(QUEUE.schedules);
  const candidates = await db.workflow.findMany({ where: { status: { not: "archived" }, publishedVersionId: { not: null } }, select: { id: true } });
  let scheduled = 0;
  const wanted = new Set<string>();
  for (const { id } of candidates) {
    if ((await syncWorkflowSchedule(db, id)) === "scheduled") {
      scheduled += 1;
      wanted.add(schedulerId(id));
    }
  }
  for (const s of await queue.getJobSchedulers()) if (s.key && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  return scheduled;
}

/**
 * A schedule fired: start a run unless the workflow was paused or unpublished in the meantime. In an archived team the
 * firing is skipped (its scheduler stays, so restoring the team resumes the schedule).
 */
export async function fireSchedule(deps: { db: TDb; redis: TRedis }, workflowId: string, firedAt: Date): Promise<string | null> {
  const schedule = await scheduleOf(deps.db, workflowId);
  if (!schedule) {
    await getQueue(QUEUE.schedules).removeJobScheduler(schedulerId(workflowId));
    return null;
  }
  const row = await deps.db.workflow.findUnique({ where: { id: workflowId }, select: { team: { select: { archivedAt: true } } } });
  if (row?.team.archivedAt) return null;
  const { runId } = await startRun(deps, {
    workflowId,
    input: scheduleInput(schedule.input, firedAt, schedule.cron, schedule.timezone),
    triggerType: "schedule",
    actor: { type: "system", label: "schedule" },
  });
  return runId;
}
