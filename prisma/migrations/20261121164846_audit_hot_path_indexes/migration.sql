-- DropIndex
DROP INDEX "AuditEvent_hash_key";

-- DropIndex
DROP INDEX "AuditEvent_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_teamId_occurredAt_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent" USING BRIN ("occurredAt");
