// Creating a run: pin the workflow's published version (or a given one), store the trigger payload, audit, enqueue.
import type { TDb } from "../db/client";
import type { TriggerType } from "../db/generated/enums";
import { AppError } from "../errors";
import { archivedTeamMessage } from "../auth/permissions";
import type { TActor } from "../audit/append";
import { appendAuditBatchSql, auditPayload } from "../audit/append-sql";
import { sqlFor, transaction, type TSql } from "../db/sql";
import { randomBytes } from "node:crypto";
import { enqueueRun } from "../queue/run-queue";
import { publishBatched } from "./publish-batched";
import type { TRedis } from "../redis/client";
import { assertStorableValue } from "./value-limits";
import { maskRunInput } from "../governance/mask-at-rest";
import type { TPiiVault } from "../policy/pii/redact";

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
  /** Extra writes in the transaction that creates the run, before it is enqueued (a re-run's reused steps). */
  prefill?: (sql: TSql, runId: string) => Promise<void>;
  /** The workflow's row when the caller has just read it (the webhook does), to save reading it again. */
  workflow?: TWorkflowFacts;
  /**
   * The PII vault the run starts with (a re-run's original run, a sub-workflow's parent): the placeholders its input
   * and reused steps carry keep their values, and new ones are numbered after them.
   */
  vault?: TPiiVault;
};

export const MAX_RUN_INPUT_BYTES = 1024 * 1024;

export type TWorkflowFacts = {
  id: string;
  teamId: string;
  status: string;
  publishedVersionId: string | null;
  name: string;
  /** The team's name when the team is archived (it starts no runs), else null. */
  archivedTeamName: string | null;
};

export const WORKFLOW_FACTS_COLUMNS = `id, "teamId", status, "publishedVersionId", name,
  (SELECT t.name FROM "Team" t WHERE t.id = "Workflow"."teamId" AND t."archivedAt" IS NOT NULL) AS "archivedTeamName"`;

const INSERT_RUN = `INSERT INTO "Run" (id, "workflowId", "workflowVersionId", "teamId", status, "triggerType", "triggeredById", input, "parentRunId", "parentStepRunId", "queuedAt", "createdAt", "updatedAt", "piiVault")
  VALUES ($1, $2, $3, $4, 'QUEUED', $5::"TriggerType", $6, $7::jsonb, $8, $9, $10::timestamptz AT TIME ZONE 'UTC', $10::timestamptz AT TIME ZONE 'UTC', $10::timestamptz AT TIME ZONE 'UTC', $11)`;

const INSERT_RUN_AUDITED = `WITH r AS (${INSERT_RUN} RETURNING id) SELECT baton_audit_append($12::jsonb) FROM r`;

export async function startRun(deps: { db: TDb; redis: TRedis }, args: TStartRun): Promise<{ runId: string; teamId: string }> {
  const [workflow] = args.workflow && args.workflow.id === args.workflowId
    ? [args.workflow]
    : await sqlFor(deps.db)<TWorkflowFacts>(`SELECT ${WORKFLOW_FACTS_COLUMNS} FROM "Workflow" WHERE id = $1`, [args.workflowId], "engine-start-workflow");
  if (!workflow || workflow.status === "archived") throw new AppError("NOT_FOUND", "This workflow does not exist or was archived.");
  if (args.teamId && workflow.teamId !== args.teamId) throw new AppError("FORBIDDEN", "That workflow belongs to another team.");
  // Every trigger ends here (manual, test, re-run, webhook, schedule, event, sub-workflow): an archived team starts no run.
  if (workflow.archivedTeamName !== null) throw new AppError("CONFLICT", archivedTeamMessage(workflow.archivedTeamName));
  const versionId = args.versionId ?? workflow.publishedVersionId;
  if (!versionId) throw new AppError("CONFLICT", `"${workflow.name}" has no published version yet. Publish it first.`);
  assertStorableInput(args.input);
  // A policy masking PII at rest: the run stores (and its steps see) placeholders, its vault the values.
  const { input, sealedVault } = await maskRunInput(deps.db, { teamId: workflow.teamId, workflowId: workflow.id }, args.input, args.vault);
  if (input !== args.input) assertStorableInput(input);
  const runId = newRunId();
  const queuedAt = new Date();
  const params = [runId, workflow.id, versionId, workflow.teamId, args.triggerType, args.actor.type === "user" ? args.actor.id : null,
    JSON.stringify(input), args.parentRunId ?? null, args.parentStepRunId ?? null, queuedAt.toISOString(), sealedVault];
  const audit = [{
    actor: args.actor,
    action: "run.queued",
    resource: { type: "run", id: runId },
    teamId: workflow.teamId,
    data: { workflowId: workflow.id, versionId, trigger: args.triggerType, parentRunId: args.parentRunId ?? null },
  }];
  if (args.prefill) {
    const prefill = args.prefill;
    await transaction(deps.db, async (sql) => {
      await sql(INSERT_RUN, params);
      await prefill(sql, runId);
      await appendAuditBatchSql(sql, audit);
    });
  } else {
    // One statement, so one transaction and one round trip; the run is inserted before the chain's lock is taken.
    await sqlFor(deps.db)(INSERT_RUN_AUDITED, [...params, JSON.stringify(auditPayload(audit))], "engine-start-run");
  }
  await Promise.all([
    enqueueRun(runId, "start"),
    publishBatched(deps.redis, [
      { type: "run", runId, workflowId: workflow.id, teamId: workflow.teamId, status: "QUEUED", at: queuedAt.toISOString() },
    ]),
  ]);
  return { runId, teamId: workflow.teamId };
}

function assertStorableInput(input: unknown): void {
  try {
    assertStorableValue(input, { maxBytes: MAX_RUN_INPUT_BYTES, what: "input", nodeId: "trigger" });
  } catch (error) {
    throw new AppError("PAYLOAD_TOO_LARGE", error instanceof Error ? error.message : "The run input is too large.");
  }
}

/** Sortable, unique and URL-safe: time first, then randomness. */
function newRunId(): string {
  return `r${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
