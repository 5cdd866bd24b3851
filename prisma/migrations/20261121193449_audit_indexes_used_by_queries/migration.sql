-- DropIndex
DROP INDEX "AuditEvent_action_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_resourceType_resourceId_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq" DESC);
