-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chain" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "AuditEvent_chain_seq_idx" ON "AuditEvent"("chain", "seq");
