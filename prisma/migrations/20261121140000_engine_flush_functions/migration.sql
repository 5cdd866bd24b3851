-- The engine's writes in one round trip each (see server/engine/writer-sql.ts and server/audit/append-sql.ts): a
-- worker pass used to flush with BEGIN, one statement per table, the chain lock, the chain head read, the audit insert
-- and COMMIT; on this kind of machine each round trip costs more than the work it carries. Both functions run inside
-- the caller's statement, so a single `SELECT baton_flush_run($1)` is one atomic transaction.

-- Appends audit events to their hash chains. p_chains: [{ chain, lock, events: [{ id, occurredAt, actorType, actorId,
-- actorLabel, action, resourceType, resourceId, teamId, data, body }] }], body being the event's canonical JSON as
-- server/audit/canonical.ts hashes it: hash = sha256(prevHash || body), the same hash the verifier recomputes.
-- Chains are locked in ascending order (a fixed order cannot deadlock) until the end of the transaction.
CREATE OR REPLACE FUNCTION baton_audit_append(p_chains jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  c jsonb;
  v_chain int;
  v_prev text;
  v_prevs text[];
  v_hashes text[];
  v_body text;
BEGIN
  FOR c IN SELECT value FROM jsonb_array_elements(p_chains) ORDER BY (value->>'chain')::int LOOP
    v_chain := (c->>'chain')::int;
    PERFORM pg_advisory_xact_lock((c->>'lock')::bigint);
    -- A statement of its own, so it sees what the transaction that held the lock before us committed.
    SELECT hash INTO v_prev FROM "AuditEvent" WHERE chain = v_chain ORDER BY seq DESC LIMIT 1;
    v_prev := COALESCE(v_prev, repeat('0', 64));
    v_prevs := '{}';
    v_hashes := '{}';
    FOR v_body IN SELECT e.value->>'body' FROM jsonb_array_elements(c->'events') WITH ORDINALITY AS e(value, n) ORDER BY e.n LOOP
      v_prevs := v_prevs || v_prev;
      v_prev := encode(sha256(convert_to(v_prev || v_body, 'UTF8')), 'hex');
      v_hashes := v_hashes || v_prev;
    END LOOP;
    -- seq (identity) follows the insertion order, which ORDER BY e.n keeps.
    INSERT INTO "AuditEvent" (id, chain, "occurredAt", "actorType", "actorId", "actorLabel", action, "resourceType", "resourceId", "teamId", data, "prevHash", hash)
    SELECT x.id, v_chain, x."occurredAt"::timestamptz AT TIME ZONE 'UTC', x."actorType"::"ActorType", x."actorId", x."actorLabel", x.action,
      x."resourceType", x."resourceId", x."teamId", COALESCE(x.data, '{}'::jsonb), v_prevs[e.n], v_hashes[e.n]
    FROM jsonb_array_elements(c->'events') WITH ORDINALITY AS e(value, n),
      jsonb_to_record(e.value) AS x(id text, "occurredAt" text, "actorType" text, "actorId" text, "actorLabel" text, action text,
        "resourceType" text, "resourceId" text, "teamId" text, data jsonb)
    ORDER BY e.n;
  END LOOP;
END;
$$;

-- One flush of a worker pass: new steps, changed steps (only the fields present in each change), approvals, the run's
-- row (always touching "updatedAt": the reconciler treats a run whose row stopped moving as abandoned), then the
-- audit events, last, so the chain lock is held only until the commit. p: { runId, teamId, inserts, updates,
-- approvals, run, audit } as built by server/engine/writer-sql.ts.
CREATE OR REPLACE FUNCTION baton_flush_run(p jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_run text := p->>'runId';
BEGIN
  IF jsonb_array_length(p->'inserts') > 0 THEN
    INSERT INTO "StepRun" (id, "runId", "nodeId", "nodeType", "iterationKey", status, attempt, input, output, error, "errorCode", model, provider,
      "tokensIn", "tokensOut", "costUsd", "latencyMs", "firedHandles", "waitKind", "waitUntil", "resumePayload", "idempotencyKey", "startedAt",
      "finishedAt", "updatedAt")
    SELECT x.id, v_run, x."nodeId", x."nodeType", x."iterationKey", x.status::"StepStatus", x.attempt, x.input, x.output, x.error, x."errorCode",
      x.model, x.provider, COALESCE(x."tokensIn", 0), COALESCE(x."tokensOut", 0), COALESCE(x."costUsd", 0), x."latencyMs",
      ARRAY(SELECT jsonb_array_elements_text(COALESCE(x."firedHandles", '[]'::jsonb))), x."waitKind", x."waitUntil"::timestamptz AT TIME ZONE 'UTC',
      x."resumePayload", x."idempotencyKey", x."startedAt"::timestamptz AT TIME ZONE 'UTC', x."finishedAt"::timestamptz AT TIME ZONE 'UTC',
      now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(p->'inserts') AS x(id text, "nodeId" text, "nodeType" text, "iterationKey" text, status text, attempt int,
      input jsonb, output jsonb, error text, "errorCode" text, model text, provider text, "tokensIn" int, "tokensOut" int, "costUsd" numeric,
      "latencyMs" int, "firedHandles" jsonb, "waitKind" text, "waitUntil" text, "resumePayload" jsonb, "idempotencyKey" text, "startedAt" text,
      "finishedAt" text);
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
      "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM jsonb_array_elements(p->'updates') AS u(w)
    WHERE s.id = u.w->>'id';
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
    "updatedAt" = now() AT TIME ZONE 'UTC'
  FROM (SELECT COALESCE(p->'run', '{}'::jsonb) AS w) x
  WHERE r.id = v_run;

  IF jsonb_array_length(p->'audit') > 0 THEN
    PERFORM baton_audit_append(p->'audit');
  END IF;
END;
$$;
