-- Governance is enforced (issue 11): policy scopes and drafts, workflow data classification, budgets that carry
-- their own action, the usage ledger (UsageEntry) and budget alerts, the run's sealed PII vault, and the request each
-- model step sent. The data steps at the end carry existing rows over.

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('public', 'internal', 'confidential', 'restricted');

-- CreateEnum
CREATE TYPE "PolicyScope" AS ENUM ('org', 'team', 'workflow', 'agent', 'api_key');

-- CreateEnum
CREATE TYPE "BudgetAction" AS ENUM ('block', 'require_approval', 'downgrade');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "BudgetScope" ADD VALUE 'agent';
ALTER TYPE "BudgetScope" ADD VALUE 'user';

-- AlterTable
ALTER TABLE "Budget" ADD COLUMN     "agentId" TEXT,
ADD COLUMN     "downgradeTo" TEXT,
ADD COLUMN     "onExceeded" "BudgetAction" NOT NULL DEFAULT 'block',
ADD COLUMN     "userId" TEXT;

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "agentId" TEXT,
ADD COLUMN     "apiKeyId" TEXT,
ADD COLUMN     "draftRules" JSONB,
ADD COLUMN     "draftUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "draftUpdatedById" TEXT,
ADD COLUMN     "scope" "PolicyScope" NOT NULL DEFAULT 'org',
ADD COLUMN     "workflowId" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "piiVault" TEXT;

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "sentRequest" JSONB;

-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "dataClassification" "DataClassification" NOT NULL DEFAULT 'internal';

-- CreateTable
CREATE TABLE "UsageEntry" (
    "id" TEXT NOT NULL,
    "reservationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "teamId" TEXT,
    "workflowId" TEXT,
    "runId" TEXT,
    "stepRunId" TEXT,
    "apiKeyId" TEXT,
    "userId" TEXT,
    "agentId" TEXT,
    "model" TEXT,
    "provider" TEXT,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,8) NOT NULL,
    "isGenerated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "UsageEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetAlert" (
    "id" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "threshold" INTEGER NOT NULL,
    "spentUsd" DECIMAL(18,8) NOT NULL,
    "reservedUsd" DECIMAL(18,8) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UsageEntry_reservationId_key" ON "UsageEntry"("reservationId");

-- CreateIndex
CREATE INDEX "UsageEntry_at_idx" ON "UsageEntry"("at");

-- CreateIndex
CREATE INDEX "UsageEntry_teamId_at_idx" ON "UsageEntry"("teamId", "at");

-- CreateIndex
CREATE INDEX "UsageEntry_workflowId_at_idx" ON "UsageEntry"("workflowId", "at");

-- CreateIndex
CREATE INDEX "UsageEntry_apiKeyId_at_idx" ON "UsageEntry"("apiKeyId", "at");

-- CreateIndex
CREATE INDEX "UsageEntry_userId_at_idx" ON "UsageEntry"("userId", "at");

-- CreateIndex
CREATE INDEX "UsageEntry_agentId_at_idx" ON "UsageEntry"("agentId", "at");

-- CreateIndex
CREATE INDEX "BudgetAlert_createdAt_idx" ON "BudgetAlert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetAlert_budgetId_periodStart_threshold_key" ON "BudgetAlert"("budgetId", "periodStart", "threshold");

-- CreateIndex
CREATE INDEX "Budget_agentId_idx" ON "Budget"("agentId");

-- CreateIndex
CREATE INDEX "Budget_userId_idx" ON "Budget"("userId");

-- CreateIndex
CREATE INDEX "Policy_scope_isEnabled_idx" ON "Policy"("scope", "isEnabled");

-- Existing policies: a policy of one team is team-scoped (the rest stay organisation-wide).
UPDATE "Policy" SET "scope" = 'team' WHERE "teamId" IS NOT NULL;

-- Existing budgets: a soft limit (isHardLimit = false) asked for a person's decision rather than a hard stop.
UPDATE "Budget" SET "onExceeded" = 'require_approval' WHERE "isHardLimit" = false;

-- Policy versions written in the seed's earlier shape ({ pii: { isRedactionEnabled, detectors, action },
-- models: { allowList }, budget: { budgetNames, … }, approvals: { requiredForAgentRiskClasses } }) are rewritten into
-- the document schema (server/policy/document.ts). Budget actions now live on the budgets themselves. Only the seed
-- ever wrote that shape, and nothing enforced it; its "approvals for high-risk agents" is not carried over, because
-- enforced it would hold every model and HTTP call of the demo Fraud Triage workflow (run by a high-risk agent) for
-- approval, where that workflow has its own Human Approval step.
UPDATE "PolicyVersion" SET "rules" = jsonb_strip_nulls(jsonb_build_object(
  'pii', CASE WHEN COALESCE(("rules"->'pii'->>'isRedactionEnabled')::boolean, false) THEN jsonb_build_object(
    'actions', COALESCE((
      SELECT jsonb_object_agg(CASE d WHEN 'credit_card' THEN 'card' ELSE d END, COALESCE("rules"->'pii'->>'action', 'redact'))
      FROM jsonb_array_elements_text(COALESCE("rules"->'pii'->'detectors', '[]'::jsonb)) AS d
      WHERE d IN ('email', 'phone', 'credit_card', 'card', 'iban', 'us_ssn', 'ip_address', 'secret')
    ), '{}'::jsonb),
    'appliesTo', '["prompt", "completion"]'::jsonb) END,
  'models', CASE WHEN jsonb_typeof("rules"->'models'->'allowList') = 'array'
    THEN jsonb_build_object('allow', jsonb_build_object('models', "rules"->'models'->'allowList')) END
))
WHERE "rules" ? 'approvals'
   OR ("rules"->'pii') ? 'isRedactionEnabled'
   OR ("rules"->'models') ? 'allowList'
   OR ("rules"->'budget') ? 'budgetNames';
