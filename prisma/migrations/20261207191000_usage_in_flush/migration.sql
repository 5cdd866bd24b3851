-- Ledger rows get their insertion order (seq): budget initialisation records the highest it summed, so a settlement
-- whose row it already counted does not add its cost to Redis's running total again (server/budgets/ledger-sync.ts).
ALTER TABLE "UsageEntry" ADD COLUMN "seq" BIGSERIAL NOT NULL;

-- Inserts ledger rows (once per reservation id) holding the shared advisory locks of the budgets' periods they count
-- towards until the transaction commits; returns [reservationId, seq] per row inserted. Called on its own
-- (settleSpend) and, by the run engine, in the same statement as baton_flush_run, so a model call's ledger row
-- commits with the step that cost it.
CREATE OR REPLACE FUNCTION baton_record_usage(p_rows jsonb, p_locks bigint[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_out jsonb;
  v_lock bigint;
BEGIN
  IF p_rows IS NULL OR jsonb_array_length(p_rows) = 0 THEN
    RETURN '[]'::jsonb;
  END IF;
  -- In the order given (sorted by the caller), so two inserts cannot deadlock with an initialisation.
  FOREACH v_lock IN ARRAY COALESCE(p_locks, ARRAY[]::bigint[]) LOOP
    PERFORM pg_advisory_xact_lock_shared(v_lock);
  END LOOP;
  WITH inserted AS (
    INSERT INTO "UsageEntry" ("id", "reservationId", "at", "teamId", "workflowId", "runId", "stepRunId", "apiKeyId",
        "userId", "agentId", "model", "provider", "tokensIn", "tokensOut", "costUsd")
    SELECT 'ue_' || md5(r."reservationId"), r."reservationId", r.at::timestamptz AT TIME ZONE 'UTC', r."teamId", r."workflowId",
      r."runId", r."stepRunId", r."apiKeyId", r."userId", r."agentId", r.model, r.provider, r."tokensIn", r."tokensOut", r."costUsd"::numeric
    FROM jsonb_to_recordset(p_rows) AS r("reservationId" text, at text, "teamId" text, "workflowId" text, "runId" text, "stepRunId" text,
      "apiKeyId" text, "userId" text, "agentId" text, model text, provider text, "tokensIn" int, "tokensOut" int, "costUsd" text)
    ON CONFLICT ("reservationId") DO NOTHING
    RETURNING "reservationId", seq
  )
  SELECT COALESCE(jsonb_agg(jsonb_build_array("reservationId", seq::text)), '[]'::jsonb) INTO v_out FROM inserted;
  RETURN v_out;
END;
$$;
