-- A person's dismissals of budget alerts (the in-app notices), the amount an alert was crossed against, and policy
-- versions the demo seed wrote.

-- AlterTable
ALTER TABLE "BudgetAlert" ADD COLUMN     "amountUsd" DECIMAL(18,8);

-- AlterTable
ALTER TABLE "PolicyVersion" ADD COLUMN     "isGenerated" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BudgetAlertDismissal" (
    "alertId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetAlertDismissal_pkey" PRIMARY KEY ("alertId","userId")
);

-- CreateIndex
CREATE INDEX "BudgetAlertDismissal_userId_idx" ON "BudgetAlertDismissal"("userId");

-- AddForeignKey
ALTER TABLE "BudgetAlertDismissal" ADD CONSTRAINT "BudgetAlertDismissal_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "BudgetAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Earlier seeds wrote the Baseline governance policy's first version as published by the demo organisation admin
-- (note "Initial version"): it was the seed. Only that exact row is changed; a version a person published is not.
UPDATE "PolicyVersion" v
   SET "isGenerated" = true, "createdById" = NULL, "note" = 'Published by the demo seed'
  FROM "Policy" p, "User" u
 WHERE v."policyId" = p."id" AND p."name" = 'Baseline governance' AND v."number" = 1 AND v."note" = 'Initial version'
   AND v."createdById" = u."id" AND u."email" = 'admin@baton.local' AND v."isGenerated" = false;
