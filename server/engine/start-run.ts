// Creating a run: pin the workflow's published version (or a given one), store the trigger payload, audit, enqueue.
import type { TDb } from "../db/client";
import type { TriggerType } from "../db/generated/enums";
import { AppError } from "../errors";
import type { TActor } from "../audit/append";
import { appendAuditBatchSql } from "../audit/append-sql";
import { sqlFor, transaction } from "../db/sql";
import { randomBytes } from "node:crypto";
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

type TWorkflowFacts = { id: string; teamId: string; status: string; publishedVersionId: string | null; name: string };

export async function startRun(deps: { db: TDb; redis: TRedis }, args: TStartRun): Promise<{ runId: string; teamId: string }> {
  const [workflow] = await sqlFor(deps.db)<TWorkflowFacts>(
    `SELECT id, "teamId", status, "publishedVersionId", name FROM "Workflow" WHERE id = $1`,
    [args.workflowId],
  );
  if (!workflow || workflow.status === "archived") throw new AppError("NOT_FOUND", "This workflow does not exist or was archived.");
  if (args.teamId && workflow.teamId !== args.teamId) throw new AppError("FORBIDDEN", "That workflow belongs to another team.");
  const versionId = args.versionId ?? workflow.publishedVersionId;
  if (!versionId) throw new AppError("CONFLICT", `"${workflow.name}" has no published version yet. Publish it first.`);
  try {
    assertStorableValue(args.input, { maxBytes: MAX_RUN_INPUT_BYTES, what: "input", nodeId: "trigger" });
  } catch (error) {
    throw new AppError("PAYLOAD_TOO_LARGE", error instanceof Error ? error.message : "The run input is too large.");
  }
  const runId = newRunId();
  const queuedAt = new Date();
  await transaction(deps.db, async (sql) => {
    await sql(
      `INSERT INTO "Run" (id, "workflowId", "workflowVersionId", "teamId", status, "triggerType", "triggeredById", input, "parentRunId", "parentStepRunId", "queuedAt", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'QUEUED', $5::"TriggerType", $6, $7::jsonb, $8, $9, $10::timestamptz AT TIME ZONE 'UTC', $10::timestamptz AT TIME ZONE 'UTC', $10::timestamptz AT TIME ZONE 'UTC')`,
      [runId, workflow.id, versionId, workflow.teamId, args.triggerType, args.actor.type === "user" ? args.actor.id : null, JSON.stringify(args.input),
        args.parentRunId ?? null, args.parentStepRunId ?? null, queuedAt.toISOString()],
    );
    await appendAuditBatchSql(sql, [{
      actor: args.actor,
      action: "run.queued",
      resource: { type: "run", id: runId },
      teamId: workflow.teamId,
      data: { workflowId: workflow.id, versionId, trigger: args.triggerType, parentRunId: args.parentRunId ?? null },
    }]);
  });
  await enqueueRun(runId, "start");
  await publishEvents(deps.redis, [
    { type: "run", runId, workflowId: workflow.id, teamId: workflow.teamId, status: "QUEUED", at: queuedAt.toISOString() },
  ]).catch(() => undefined);
  return { runId, teamId: workflow.teamId };
}

/** Sortable, unique and URL-safe: time first, then randomness. */
function newRunId(): string {
  return `r${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
