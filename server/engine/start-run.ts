// Creating a run: pin the workflow's published version (or a given one), store the trigger payload, audit, enqueue.
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { TriggerType } from "../db/generated/enums";
import { AppError } from "../errors";
import { appendAudit, type TActor } from "../audit/append";
import { enqueueRun } from "../queue/run-queue";
import { publishEvents } from "../events/live-events";
import type { TRedis } from "../redis/client";
import { assertStorableValue } from "./value-limits";

export type TStartRun = {
  workflowId: string;
  /** Defaults to the published version. */
  versionId?: string;
  /** The trigger payload, seen by expressions as `trigger` (`trigger.body`, `trigger.headers`…). */
  input: Record<string, unknown>;
  triggerType: TriggerType;
  actor: TActor;
  parentRunId?: string;
  parentStepRunId?: string;
  /** When set, the run must belong to this team (sub-workflows stay within their team). */
  teamId?: string;
};

export const MAX_RUN_INPUT_BYTES = 1024 * 1024;

export async function startRun(deps: { db: TDb; redis: TRedis }, args: TStartRun): Promise<{ runId: string; teamId: string }> {
  const workflow = await deps.db.workflow.findUnique({
    where: { id: args.workflowId },
    select: { id: true, teamId: true, status: true, publishedVersionId: true, name: true },
  });
  if (!workflow || workflow.status === "archived") throw new AppError("NOT_FOUND", "This workflow does not exist or was archived.");
  if (args.teamId && workflow.teamId !== args.teamId) throw new AppError("FORBIDDEN", "That workflow belongs to another team.");
  const versionId = args.versionId ?? workflow.publishedVersionId;
  if (!versionId) throw new AppError("CONFLICT", `"${workflow.name}" has no published version yet. Publish it first.`);
  try {
    assertStorableValue(args.input, { maxBytes: MAX_RUN_INPUT_BYTES, what: "input", nodeId: "trigger" });
  } catch (error) {
    throw new AppError("PAYLOAD_TOO_LARGE", error instanceof Error ? error.message : "The run input is too large.");
  }
  const run = await deps.db.$transaction(async (tx) => {
    const created = await tx.run.create({
      data: {
        workflowId: workflow.id,
        workflowVersionId: versionId,
        teamId: workflow.teamId,
        status: "QUEUED",
        triggerType: args.triggerType,
        triggeredById: args.actor.type === "user" ? args.actor.id : null,
        input: args.input as Prisma.InputJsonValue,
        parentRunId: args.parentRunId,
        parentStepRunId: args.parentStepRunId,
      },
      select: { id: true, queuedAt: true },
    });
    await appendAudit(tx, {
      actor: args.actor,
      action: "run.queued",
      resource: { type: "run", id: created.id },
      teamId: workflow.teamId,
      data: { workflowId: workflow.id, versionId, trigger: args.triggerType, parentRunId: args.parentRunId ?? null },
    });
    return created;
  });
  await enqueueRun(run.id, "start");
  await publishEvents(deps.redis, [
    { type: "run", runId: run.id, workflowId: workflow.id, teamId: workflow.teamId, status: "QUEUED", at: run.queuedAt.toISOString() },
  ]).catch(() => undefined);
  return { runId: run.id, teamId: workflow.teamId };
}
