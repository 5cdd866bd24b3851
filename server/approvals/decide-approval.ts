// An approver's decision: recorded on the approval, handed to the waiting step, audited, and the run woken.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { assertCan, can, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { enqueueRun } from "../queue/run-queue";
import { principalActor } from "../auth/actor";

export const ZApprovalDecisionInput = z.object({
  decision: z.enum(["approved", "rejected"]),
  comment: z.string().trim().max(2000).optional(),
});
export type TApprovalDecisionInput = z.infer<typeof ZApprovalDecisionInput>;

export async function decideApproval(
  deps: { db: TDb; redis: TRedis },
  principal: TPrincipal,
  approvalId: string,
  input: TApprovalDecisionInput,
): Promise<{ runId: string; status: "APPROVED" | "REJECTED" }> {
  const approval = await deps.db.approval.findUnique({ where: { id: approvalId }, select: { id: true, status: true, teamId: true, runId: true, stepRunId: true, assigneeRole: true, title: true } });
  // Someone who cannot see the team's approvals learns nothing, not even that the request exists.
  if (!approval || !can(principal, "run:read", { teamId: approval.teamId })) {
    throw new AppError("NOT_FOUND", "This approval request does not exist.");
  }
  assertCan(principal, "approval:decide", { teamId: approval.teamId });
  if (approval.assigneeRole === "admin" && !principal.memberships.some((m) => m.teamId === approval.teamId && m.role === "admin")) {
    throw new AppError("FORBIDDEN", "Only an admin of this team can decide this request.");
  }
  const status = input.decision === "approved" ? "APPROVED" : "REJECTED";
  await deps.db.$transaction(async (tx) => {
    // Conditional update: of two people deciding at once, exactly one wins.
    const updated = await tx.approval.updateMany({
      where: { id: approvalId, status: "PENDING" },
      data: { status, decidedById: principal.id, comment: input.comment ?? null, decidedAt: new Date() },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "This request was already decided, expired or cancelled.");
    await tx.stepRun.updateMany({
      where: { id: approval.stepRunId, status: "WAITING", waitKind: "approval" },
      // decidedBy (the email) is the Human Approval node's output, which workflows read; decidedByName is who decided as
      // people read it (the approval card shows the same name), for the policy decision the step records.
      data: {
        resumePayload: { decision: input.decision, comment: input.comment ?? null, decidedBy: principal.email, decidedByName: principal.name.trim() || principal.email },
      },
    });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: `approval.${input.decision}`,
      resource: { type: "approval", id: approvalId },
      chainKey: approval.runId,
      teamId: approval.teamId,
      data: { runId: approval.runId, title: approval.title, comment: input.comment ?? null },
    });
  });
  await enqueueRun(approval.runId, "approval");
  return { runId: approval.runId, status };
}
