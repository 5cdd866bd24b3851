// The SQL of a flush (see writer.ts): steps inserted from one JSON parameter, updates per step, the run's row, approvals.
import type { TSql } from "../db/sql";
import type { TStepRow } from "./run-state";
import type { TApprovalCreate, TRunWrite, TStepWrite } from "./writer";

const STEP_COLUMNS: Record<keyof TStepWrite, string> = {
  status: `"status" = $V::"StepStatus"`,
  attempt: `"attempt" = $V::int`,
  input: `"input" = $V::jsonb`,
  output: `"output" = $V::jsonb`,
  error: `"error" = $V`,
  errorCode: `"errorCode" = $V`,
  model: `"model" = $V`,
  provider: `"provider" = $V`,
  tokensIn: `"tokensIn" = $V::int`,
  tokensOut: `"tokensOut" = $V::int`,
  costUsd: `"costUsd" = $V::numeric`,
  latencyMs: `"latencyMs" = $V::int`,
  firedHandles: `"firedHandles" = $V::text[]`,
  waitKind: `"waitKind" = $V`,
  waitUntil: `"waitUntil" = $V::timestamptz AT TIME ZONE 'UTC'`,
  resumePayload: `"resumePayload" = $V::jsonb`,
  idempotencyKey: `"idempotencyKey" = $V`,
  startedAt: `"startedAt" = $V::timestamptz AT TIME ZONE 'UTC'`,
  finishedAt: `"finishedAt" = $V::timestamptz AT TIME ZONE 'UTC'`,
};

const JSON_FIELDS = new Set(["input", "output", "resumePayload"]);

function param(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (JSON_FIELDS.has(key)) return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

function isoOrNull(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}

export async function insertSteps(sql: TSql, runId: string, creates: { row: TStepRow; write: TStepWrite }[]): Promise<void> {
  if (creates.length === 0) return;
  const rows = creates.map(({ row, write: w }) => ({
    id: row.id,
    runId,
    nodeId: row.nodeId,
    nodeType: row.nodeType,
    iterationKey: row.iterationKey,
    status: w.status,
    attempt: w.attempt,
    input: w.input ?? null,
    output: w.output ?? null,
    error: w.error ?? null,
    errorCode: w.errorCode ?? null,
    model: w.model ?? null,
    provider: w.provider ?? null,
    tokensIn: w.tokensIn ?? 0,
    tokensOut: w.tokensOut ?? 0,
    costUsd: w.costUsd ?? "0",
    latencyMs: w.latencyMs ?? null,
    firedHandles: w.firedHandles ?? [],
    waitKind: w.waitKind ?? null,
    waitUntil: isoOrNull(w.waitUntil),
    resumePayload: w.resumePayload ?? null,
    idempotencyKey: w.idempotencyKey ?? null,
    startedAt: isoOrNull(w.startedAt),
    finishedAt: isoOrNull(w.finishedAt),
  }));
  await sql(
    `INSERT INTO "StepRun" (id, "runId", "nodeId", "nodeType", "iterationKey", status, attempt, input, output, error, "errorCode", model, provider,
       "tokensIn", "tokensOut", "costUsd", "latencyMs", "firedHandles", "waitKind", "waitUntil", "resumePayload", "idempotencyKey", "startedAt", "finishedAt", "updatedAt")
     SELECT x.id, x."runId", x."nodeId", x."nodeType", x."iterationKey", x.status::"StepStatus", x.attempt, x.input, x.output, x.error, x."errorCode", x.model, x.provider,
       x."tokensIn", x."tokensOut", x."costUsd", x."latencyMs", ARRAY(SELECT jsonb_array_elements_text(x."firedHandles")), x."waitKind",
       x."waitUntil"::timestamptz AT TIME ZONE 'UTC', x."resumePayload", x."idempotencyKey",
       x."startedAt"::timestamptz AT TIME ZONE 'UTC', x."finishedAt"::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, "runId" text, "nodeId" text, "nodeType" text, "iterationKey" text, status text, attempt int,
       input jsonb, output jsonb, error text, "errorCode" text, model text, provider text, "tokensIn" int, "tokensOut" int, "costUsd" numeric,
       "latencyMs" int, "firedHandles" jsonb, "waitKind" text, "waitUntil" text, "resumePayload" jsonb, "idempotencyKey" text, "startedAt" text, "finishedAt" text)`,
    [JSON.stringify(rows)],
  );
}

export async function updateStep(sql: TSql, id: string, write: TStepWrite): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of Object.entries(write) as [keyof TStepWrite, unknown][]) {
    if (value === undefined) continue;
    params.push(param(key, value));
    sets.push(STEP_COLUMNS[key].replace("$V", `$${params.length}`));
  }
  params.push(id);
  await sql(`UPDATE "StepRun" SET ${sets.join(", ")}, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = $${params.length}`, params);
}

const RUN_COLUMNS: Record<keyof TRunWrite, string> = {
  status: `status = $V::"RunStatus"`,
  output: `output = $V::jsonb`,
  error: `error = $V`,
  errorNodeId: `"errorNodeId" = $V`,
  startedAt: `"startedAt" = $V::timestamptz AT TIME ZONE 'UTC'`,
  finishedAt: `"finishedAt" = $V::timestamptz AT TIME ZONE 'UTC'`,
  durationMs: `"durationMs" = $V::int`,
  costUsd: `"costUsd" = $V::numeric`,
  tokensIn: `"tokensIn" = $V::int`,
  tokensOut: `"tokensOut" = $V::int`,
};

/** Always touches updatedAt: the reconciler treats a run whose row stopped moving as abandoned. */
export async function updateRun(sql: TSql, runId: string, write: TRunWrite): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of Object.entries(write) as [keyof TRunWrite, unknown][]) {
    if (value === undefined) continue;
    params.push(key === "output" ? JSON.stringify(value ?? null) : value instanceof Date ? value.toISOString() : value);
    sets.push(RUN_COLUMNS[key].replace("$V", `$${params.length}`));
  }
  params.push(runId);
  await sql(`UPDATE "Run" SET ${[...sets, `"updatedAt" = now() AT TIME ZONE 'UTC'`].join(", ")} WHERE id = $${params.length}`, params);
}

/** One approval per step: a step re-run after a crash asks again, and the request it already made stands. */
export async function insertApprovals(sql: TSql, runId: string, teamId: string, approvals: TApprovalCreate[]): Promise<void> {
  if (approvals.length === 0) return;
  const rows = approvals.map((a) => ({ ...a, dueAt: isoOrNull(a.dueAt), details: a.details ?? {} }));
  await sql(
    `INSERT INTO "Approval" (id, "runId", "stepRunId", "teamId", title, details, "assigneeRole", "dueAt", "updatedAt")
     SELECT 'ap_' || replace(gen_random_uuid()::text, '-', ''), $1, x."stepRunId", $2, x.title, x.details, x."assigneeRole"::"Role",
       x."dueAt"::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
     FROM jsonb_to_recordset($3::jsonb) AS x("stepRunId" text, title text, details jsonb, "assigneeRole" text, "dueAt" text)
     ON CONFLICT ("stepRunId") DO NOTHING`,
    [runId, teamId, JSON.stringify(rows)],
  );
}
