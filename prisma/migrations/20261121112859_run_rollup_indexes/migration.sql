-- CreateIndex
CREATE INDEX "Run_finishedAt_id_idx" ON "Run"("finishedAt", "id");

-- CreateIndex
CREATE INDEX "Run_workflowId_status_idx" ON "Run"("workflowId", "status");
