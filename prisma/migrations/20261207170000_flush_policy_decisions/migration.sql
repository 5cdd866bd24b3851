-- One flush of a worker pass (see 20261207150000_step_attempts_and_sequence) also writes the policy decisions of the
-- pass's steps (StepRun.policyDecisions), the model request each sent (StepRun.sentRequest) and the run's sealed PII
-- vault (Run.piiVault): server/governance/.
-- The function is replaced whole; the parts not named here are unchanged.
CREATE OR REPLACE FUNCTION baton_flush_run(p jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_run text := p->>'runId';
BEGIN
  IF jsonb_array_length(p->'inserts') > 0 THEN
    INSERT INTO "StepRun" (id, "runId", "nodeId", "nodeType", "iterationKey", status, attempt, input, output, error, "errorCode", model, provider,
      "tokensIn", "tokensOut", "costUsd", "latencyMs", "firedHandles", "waitKind", "waitUntil", "resumePayload", "idempotencyKey", "startedAt",
      "finishedAt", seq, "policyDecisions", "sentRequest", "updatedAt")
    SELECT x.id, v_run, x."nodeId", x."nodeType", x."iterationKey", x.status::"StepStatus", x.attempt, x.input, x.output, x.error, x."errorCode",
      x.model, x.provider, COALESCE(x."tokensIn", 0), COALESCE(x."tokensOut", 0), COALESCE(x."costUsd", 0), x."latencyMs",
      ARRAY(SELECT jsonb_array_elements_text(COALESCE(x."firedHandles", '[]'::jsonb))), x."waitKind", x."waitUntil"::timestamptz AT TIME ZONE 'UTC',
      x."resumePayload", x."idempotencyKey", x."startedAt"::timestamptz AT TIME ZONE 'UTC', x."finishedAt"::timestamptz AT TIME ZONE 'UTC',
      COALESCE(x.seq, 0), x."policyDecisions", x."sentRequest", now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(p->'inserts') AS x(id text, "nodeId" text, "nodeType" text, "iterationKey" text, status text, attempt int,
      input jsonb, output jsonb, error text, "errorCode" text, model text, provider text, "tokensIn" int, "tokensOut" int, "costUsd" numeric,
      "latencyMs" int, "firedHandles" jsonb, "waitKind" text, "waitUntil" text, "resumePayload" jsonb, "idempotencyKey" text, "startedAt" text,
      "finishedAt" text, seq int, "policyDecisions" jsonb, "sentRequest" jsonb);
  END IF;

  IF jsonb_array_length(p->'updates') > 0 THEN
    -- A JSON null clears a column; a missing key leaves it as it is.
    UPDATE "StepRun" s SET
      status = CASE WHEN u.w ? 'status' THEN (u.w->>'status')::"StepStatus" ELSE s.status END,
      attempt = CASE WHEN u.w ? 'attempt' THEN (u.w->>'attempt')::int ELSE s.attempt END,
      input = CASE WHEN u.w ? 'input' THEN NULLIF(u.w->'input', 'null'::jsonb) ELSE s.input END,
      output = CASE WHEN u.w ? 'output' THEN NULLIF(u.w->'output', 'null'::jsonb) ELSE s.output END,
      error = CASE WHEN u.w ? 'error' THEN u.w->>'error' ELSE s.error END,
      "errorCode" = CASE WHEN u.w ? 'errorCode' THEN u.w->>'errorCode' ELSE s."errorCode" END,
      model = CASE WHEN u.w ? 'model' THEN u.w->>'model' ELSE s.model END,
      provider = CASE WHEN u.w ? 'provider' THEN u.w->>'provider' ELSE s.provider END,
      "tokensIn" = CASE WHEN u.w ? 'tokensIn' THEN (u.w->>'tokensIn')::int ELSE s."tokensIn" END,
      "tokensOut" = CASE WHEN u.w ? 'tokensOut' THEN (u.w->>'tokensOut')::int ELSE s."tokensOut" END,
      "costUsd" = CASE WHEN u.w ? 'costUsd' THEN (u.w->>'costUsd')::numeric ELSE s."costUsd" END,
      "latencyMs" = CASE WHEN u.w ? 'latencyMs' THEN (u.w->>'latencyMs')::int ELSE s."latencyMs" END,
      "firedHandles" = CASE WHEN u.w ? 'firedHandles' THEN ARRAY(SELECT jsonb_array_elements_text(COALESCE(NULLIF(u.w->'firedHandles', 'null'::jsonb), '[]'::jsonb))) ELSE s."firedHandles" END,
      "waitKind" = CASE WHEN u.w ? 'waitKind' THEN u.w->>'waitKind' ELSE s."waitKind" END,
      "waitUntil" = CASE WHEN u.w ? 'waitUntil' THEN (u.w->>'waitUntil')::timestamptz AT TIME ZONE 'UTC' ELSE s."waitUntil" END,
      "resumePayload" = CASE WHEN u.w ? 'resumePayload' THEN NULLIF(u.w->'resumePayload', 'null'::jsonb) ELSE s."resumePayload" END,
      "idempotencyKey" = CASE WHEN u.w ? 'idempotencyKey' THEN u.w->>'idempotencyKey' ELSE s."idempotencyKey" END,
      "startedAt" = CASE WHEN u.w ? 'startedAt' THEN (u.w->>'startedAt')::timestamptz AT TIME ZONE 'UTC' ELSE s."startedAt" END,
      "finishedAt" = CASE WHEN u.w ? 'finishedAt' THEN (u.w->>'finishedAt')::timestamptz AT TIME ZONE 'UTC' ELSE s."finishedAt" END,
      "policyDecisions" = CASE WHEN u.w ? 'policyDecisions' THEN NULLIF(u.w->'policyDecisions', 'null'::jsonb) ELSE s."policyDecisions" END,
      "sentRequest" = CASE WHEN u.w ? 'sentRequest' THEN NULLIF(u.w->'sentRequest', 'null'::jsonb) ELSE s."sentRequest" END,
      "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM jsonb_array_elements(p->'updates') AS u(w)
    WHERE s.id = u.w->>'id';
  END IF;

  -- Attempts (server/engine/attempts.ts), after the steps they belong to. First the attempts an earlier pass left open
  -- on steps this pass took up again (its worker died, or a stop interrupted it unrecorded): closed with the reason
  -- given; then this pass's attempts, each written whole (a later flush of the same attempt completes it).
  IF jsonb_array_length(COALESCE(p->'attemptsClosed', '[]'::jsonb)) > 0 THEN
    UPDATE "StepAttempt" a SET "endedAt" = x."endedAt"::timestamptz AT TIME ZONE 'UTC', reason = x.reason
    FROM jsonb_to_recordset(p->'attemptsClosed') AS x("stepRunId" text, "endedAt" text, reason text)
    WHERE a."stepRunId" = x."stepRunId" AND a."endedAt" IS NULL;
  END IF;

  IF jsonb_array_length(COALESCE(p->'attempts', '[]'::jsonb)) > 0 THEN
    INSERT INTO "StepAttempt" AS a (id, "runId", "stepRunId", kind, attempt, "startedAt", "endedAt", reason, "errorCode", error, "idempotencyKey", "retryAt")
    SELECT x.id, v_run, x."stepRunId", x.kind, x.attempt, x."startedAt"::timestamptz AT TIME ZONE 'UTC', x."endedAt"::timestamptz AT TIME ZONE 'UTC',
      x.reason, x."errorCode", x.error, x."idempotencyKey", x."retryAt"::timestamptz AT TIME ZONE 'UTC'
    FROM jsonb_array_elements(p->'attempts') WITH ORDINALITY AS e(value, n),
      jsonb_to_record(e.value) AS x(id text, "stepRunId" text, kind text, attempt int, "startedAt" text, "endedAt" text, reason text,
        "errorCode" text, error text, "idempotencyKey" text, "retryAt" text)
    ORDER BY e.n
    ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, "endedAt" = EXCLUDED."endedAt", reason = EXCLUDED.reason,
      "errorCode" = EXCLUDED."errorCode", error = EXCLUDED.error, "idempotencyKey" = EXCLUDED."idempotencyKey", "retryAt" = EXCLUDED."retryAt";
  END IF;

  IF jsonb_array_length(p->'approvals') > 0 THEN
    -- One approval per step: a step re-run after a crash asks again, and the request it already made stands.
    INSERT INTO "Approval" (id, "runId", "stepRunId", "teamId", title, details, "assigneeRole", "dueAt", "updatedAt")
    SELECT 'ap_' || replace(gen_random_uuid()::text, '-', ''), v_run, x."stepRunId", p->>'teamId', x.title, COALESCE(x.details, '{}'::jsonb),
      x."assigneeRole"::"Role", x."dueAt"::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(p->'approvals') AS x("stepRunId" text, title text, details jsonb, "assigneeRole" text, "dueAt" text)
    ON CONFLICT ("stepRunId") DO NOTHING;
  END IF;

  -- The run's output keeps a JSON null (a run without an Output node); other columns are cleared by it.
  UPDATE "Run" r SET
    status = CASE WHEN w ? 'status' THEN (w->>'status')::"RunStatus" ELSE r.status END,
    output = CASE WHEN w ? 'output' THEN w->'output' ELSE r.output END,
    error = CASE WHEN w ? 'error' THEN w->>'error' ELSE r.error END,
    "errorNodeId" = CASE WHEN w ? 'errorNodeId' THEN w->>'errorNodeId' ELSE r."errorNodeId" END,
    "startedAt" = CASE WHEN w ? 'startedAt' THEN (w->>'startedAt')::timestamptz AT TIME ZONE 'UTC' ELSE r."startedAt" END,
    "finishedAt" = CASE WHEN w ? 'finishedAt' THEN (w->>'finishedAt')::timestamptz AT TIME ZONE 'UTC' ELSE r."finishedAt" END,
    "durationMs" = CASE WHEN w ? 'durationMs' THEN (w->>'durationMs')::int ELSE r."durationMs" END,
    "costUsd" = CASE WHEN w ? 'costUsd' THEN (w->>'costUsd')::numeric ELSE r."costUsd" END,
    "tokensIn" = CASE WHEN w ? 'tokensIn' THEN (w->>'tokensIn')::int ELSE r."tokensIn" END,
    "tokensOut" = CASE WHEN w ? 'tokensOut' THEN (w->>'tokensOut')::int ELSE r."tokensOut" END,
    "piiVault" = CASE WHEN w ? 'piiVault' THEN w->>'piiVault' ELSE r."piiVault" END,
    "updatedAt" = now() AT TIME ZONE 'UTC'
  FROM (SELECT COALESCE(p->'run', '{}'::jsonb) AS w) x
  WHERE r.id = v_run;

  IF jsonb_array_length(p->'audit') > 0 THEN
    PERFORM baton_audit_append(p->'audit');
  END IF;
END;
$$;
