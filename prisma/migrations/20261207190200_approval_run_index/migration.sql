-- A run's approvals, read by the engine when a policy asks once per run (approvalWhen.per "run").
CREATE INDEX "Approval_runId_idx" ON "Approval"("runId");
