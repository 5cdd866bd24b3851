// Pause, resume and archive. A paused workflow accepts no new runs (webhooks answer 409, schedules stop) and its queued
// runs wait; resuming starts them. Runs already executing or waiting finish normally.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { enqueueRuns } from "../queue/run-queue";
import { syncWorkflowSchedule } from "../engine/schedules";
import { loadWorkflowFor } from "./workflow-access";
import { principalActor } from "../auth/actor";

export const ZStatusChange = z.object({ action: z.enum(["pause", "resume", "archive", "restore"]) });

export async function setWorkflowStatus(deps: { db: TDb; redis: TRedis }, principal: TPrincipal, workflowId: string, raw: unknown) {
  const { action } = parseOrThrow(ZStatusChange, raw);
  const workflow = await loadWorkflowFor(deps.db, principal, workflowId, action === "pause" || action === "resume" ? "workflow:run" : "workflow:write");
  const next = (() => {
    switch (action) {
      case "pause":
        if (workflow.status !== "published") throw new AppError("CONFLICT", "Only a published workflow can be paused.");
        return "paused" as const;
      case "resume":
        if (workflow.status !== "paused") throw new AppError("CONFLICT", "This workflow is not paused.");
        return "published" as const;
      case "archive":
        if (workflow.status === "archived") throw new AppError("CONFLICT", "This workflow is already archived.");
        return "archived" as const;
      case "restore":
        if (workflow.status !== "archived") throw new AppError("CONFLICT", "This workflow is not archived.");
        return workflow.publishedVersionId ? ("paused" as const) : ("draft" as const);
    }
  })();
  await deps.db.$transaction(async (tx) => {
    await tx.workflow.update({ where: { id: workflowId }, data: { status: next, updatedById: principal.id } });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: `workflow.${action}d`,
      resource: { type: "workflow", id: workflowId },
      teamId: workflow.teamId,
      data: { from: workflow.status, to: next },
    });
  });
  await syncWorkflowSchedule(deps.db, workflowId);
  if (next === "published") {
    const queued = await deps.db.run.findMany({ where: { workflowId, status: "QUEUED" }, select: { id: true } });
    await enqueueRuns(queued.map((r) => r.id), "workflow-resumed");
  }
  return { status: next };
}
