-- Budgets keep no running total: a budget's spent is the sum of the ledger's rows (UsageEntry) its scope covers in the
-- current calendar period (server/budgets/). The stored total, its period start and the hard/soft flag (replaced by
-- onExceeded in the previous migration) go.
ALTER TABLE "Budget" DROP COLUMN "isHardLimit",
DROP COLUMN "periodStart",
DROP COLUMN "spentUsd";

-- The ledger starts with the model calls already recorded: one row per step that cost something, at the time it
-- finished, flagged as generated when its run is the seed's demo history. "history:<step id>" is the key the demo
-- seed uses for the same rows, so neither writes them twice.
INSERT INTO "UsageEntry" ("id", "reservationId", "at", "teamId", "workflowId", "runId", "stepRunId", "userId", "model", "provider", "tokensIn", "tokensOut", "costUsd", "isGenerated")
SELECT 'hist_' || s."id", 'history:' || s."id", COALESCE(s."finishedAt", s."startedAt", s."createdAt"), r."teamId", r."workflowId", r."id", s."id",
       r."triggeredById", s."model", s."provider", s."tokensIn", s."tokensOut", s."costUsd", r."isGenerated"
FROM "StepRun" s JOIN "Run" r ON r."id" = s."runId"
WHERE s."costUsd" > 0
ON CONFLICT ("reservationId") DO NOTHING;
