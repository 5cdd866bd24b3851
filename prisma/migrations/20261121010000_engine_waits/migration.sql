-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "firedHandles" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "resumePayload" JSONB,
ADD COLUMN     "waitKind" TEXT,
ADD COLUMN     "waitUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "StepRun_status_waitUntil_idx" ON "StepRun"("status", "waitUntil");
