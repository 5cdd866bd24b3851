// The in-memory state of one run during a worker pass: the run row, its pinned version, and its steps by
// `nodeId@iterationKey`. Loaded from Postgres at the start of every pass: the database is the truth.
import type { TDb } from "../db/client";
import type { RunStatus, StepStatus } from "../db/generated/enums";
import { cachedVersion, getCompiledVersion, type TCompiledVersion } from "./compile-version";
import { sqlFor, utc } from "../db/sql";
import { stepKey } from "./graph-index";
import type { TOpenAttempt } from "./attempts";
import type { TRunGovernanceFacts } from "../governance/step-governance";

export type TStepRow = {
  id: string;
  nodeId: string;
  nodeType: string;
  iterationKey: string;
  status: StepStatus;
  attempt: number;
  output: unknown;
  firedHandles: string[];
  waitKind: string | null;
  waitUntil: Date | null;
  resumePayload: unknown;
  startedAt: Date | null;
  /** Usage summed over the step's attempts (a retried model call is paid for each time). */
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  /** False until the row exists in Postgres (steps finished in memory are written at the next flush). */
  isPersisted: boolean;
  /** As loaded: SEND_UNRECORDED marks a side effect whose outcome a failed pass could not record (failed-pass.ts). */
  errorCode?: string | null;
  /** Runs of this attempt whose outcome was never recorded (read when it is resumed; see failed-pass.ts). */
  unrecordedSends?: number;
  /** The engine's order of the run's steps (StepRun.seq), given when the step row is created (apply-outcome.ts). */
  seq: number;
  /** The attempt of this pass's executor call in flight (attempts.ts); absent otherwise. */
  openAttempt?: TOpenAttempt;
  /** This pass recorded an attempt row of the step (attempts.ts); a step loaded from Postgres may have some too. */
  hasAttemptRows?: boolean;
  /** The policy decisions stored on the step so far (earlier attempts); a new attempt's are appended. */
  policyDecisions?: unknown[] | null;
};

export type TRunRow = {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  teamId: string;
  status: RunStatus;
  input: unknown;
  queuedAt: Date;
  startedAt: Date | null;
  cancelRequestedAt: Date | null;
  parentRunId: string | null;
  parentStepRunId: string | null;
  costUsd: string;
  tokensIn: number;
  tokensOut: number;
  /** Passes that failed in a row (failed-pass.ts). */
  passFailures: number;
  /** Flushes written so far: the fence of this pass's next flush (see run-lock.ts). */
  flushSeq: number;
  /** When the run row was last written (a failed pass's record sets it; failed-pass.ts reads it for the backoff). */
  updatedAt: Date | null;
};

export type TRunState = {
  run: TRunRow;
  version: TCompiledVersion | null;
  versionError: string | null;
  steps: Map<string, TStepRow>;
  /** The largest StepRun.seq of the run so far: the next step created gets the one after it. */
  lastSeq: number;
  /** The workflow's state when the run was loaded (admission reads it); absent when the loader did not read it. */
  workflow?: { status: string; concurrencyLimit: number };
  /** What governance needs to know about the run (step-governance.ts); absent when the loader did not read it. */
  governance?: TRunGovernanceFacts;
};

type TRunSqlRow = Omit<TRunRow, "costUsd" | "queuedAt" | "startedAt" | "cancelRequestedAt" | "updatedAt"> & {
  updatedAt: Date | null;
  triggeredById: string | null;
  piiVault: string | null;
  dataClassification: TRunGovernanceFacts["dataClassification"] | null;
  versionNumber: number | null;
  triggeredByRole: TRunGovernanceFacts["triggeredByRole"];
  agentId: string | null;
  agentRiskClass: NonNullable<TRunGovernanceFacts["agent"]>["riskClass"] | null;
  workflowStatus: string | null;
  workflowConcurrencyLimit: number | null;
  costUsd: string;
  queuedAt: Date;
  startedAt: Date | null;
  cancelRequestedAt: Date | null;
  steps: (Omit<TStepRow, "isPersisted" | "waitUntil" | "startedAt"> & { waitUntil: string | null; startedAt: string | null })[];
};

/**
 * The run, its steps and its workflow's status and concurrency limit in one round trip; the version's graph only when
 * this process has not compiled it yet.
 */
export async function loadRunState(db: TDb, runId: string): Promise<TRunState | null> {
  const sql = sqlFor(db);
  const [run] = await sql<TRunSqlRow>(
    `SELECT r.id, r."workflowId", r."workflowVersionId", r."teamId", r.status, r.input, r."queuedAt", r."startedAt", r."cancelRequestedAt",
       r."parentRunId", r."parentStepRunId", r."costUsd"::text AS "costUsd", r."tokensIn", r."tokensOut", r."passFailures", r."flushSeq", r."updatedAt",
       COALESCE((SELECT json_agg(json_build_object(
         'id', s.id, 'nodeId', s."nodeId", 'nodeType', s."nodeType", 'iterationKey', s."iterationKey", 'status', s.status,
         'attempt', s.attempt, 'output', s.output, 'firedHandles', s."firedHandles", 'waitKind', s."waitKind", 'waitUntil', s."waitUntil",
         'resumePayload', s."resumePayload", 'startedAt', s."startedAt", 'tokensIn', s."tokensIn", 'tokensOut', s."tokensOut",
         'costUsd', s."costUsd"::text, 'errorCode', s."errorCode", 'seq', s.seq, 'policyDecisions', s."policyDecisions"))
         FROM "StepRun" s WHERE s."runId" = r.id), '[]'::json) AS steps,
       w.status AS "workflowStatus", w."concurrencyLimit" AS "workflowConcurrencyLimit",
       r."triggeredById", r."piiVault", w."dataClassification", v.number AS "versionNumber",
       (SELECT m.role FROM "Membership" m WHERE m."userId" = r."triggeredById" AND m."teamId" = r."teamId") AS "triggeredByRole",
       a.id AS "agentId", a."riskClass" AS "agentRiskClass"
     FROM "Run" r LEFT JOIN "Workflow" w ON w.id = r."workflowId" LEFT JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId"
       LEFT JOIN LATERAL (SELECT id, "riskClass" FROM "Agent" WHERE "workflowId" = r."workflowId" AND status = 'active' ORDER BY "createdAt" LIMIT 1) a ON true
     WHERE r.id = $1`,
    [runId],
    "engine-load-run",
  );
  if (!run) return null;
  let version: TCompiledVersion | null = null;
  let versionError: string | null = null;
  try {
    version = cachedVersion(run.workflowVersionId);
    if (!version) {
      const [row] = await sql<{ graph: unknown }>(`SELECT graph FROM "WorkflowVersion" WHERE id = $1`, [run.workflowVersionId]);
      version = getCompiledVersion(run.workflowVersionId, row?.graph);
    }
  } catch (error) {
    versionError = error instanceof Error ? error.message : "The workflow version could not be read.";
  }
  const steps = new Map<string, TStepRow>();
  let lastSeq = 0;
  for (const s of run.steps) {
    steps.set(stepKey(s.nodeId, s.iterationKey), { ...s, waitUntil: utc(s.waitUntil), startedAt: utc(s.startedAt), isPersisted: true });
    if (s.seq > lastSeq) lastSeq = s.seq;
  }
  const { steps: _steps, workflowStatus, workflowConcurrencyLimit, triggeredById, piiVault, dataClassification, versionNumber, triggeredByRole, agentId, agentRiskClass, ...row } = run;
  return {
    run: { ...row, queuedAt: utc(row.queuedAt)!, startedAt: utc(row.startedAt), cancelRequestedAt: utc(row.cancelRequestedAt), updatedAt: utc(row.updatedAt) },
    version,
    versionError,
    steps,
    lastSeq,
    workflow: { status: workflowStatus ?? "archived", concurrencyLimit: workflowConcurrencyLimit ?? 0 },
    governance: {
      workflowId: row.workflowId,
      teamId: row.teamId,
      versionId: row.workflowVersionId,
      versionNumber,
      dataClassification: dataClassification ?? "internal",
      triggeredById,
      triggeredByRole,
      agent: agentId && agentRiskClass ? { id: agentId, riskClass: agentRiskClass } : null,
      sealedVault: piiVault,
    },
  };
}

export const isRunTerminal = (status: RunStatus) => status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";
