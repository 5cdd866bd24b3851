import type { TDb } from "../db/client";
import { can, teamsWhere, type TPrincipal } from "../auth/permissions";
import type { TPendingApproval } from "./pending.shared";
import { readPolicyHold } from "./policy-hold.shared";

// An inbox is a work queue, not an archive: a person with more than this pending has a process problem to fix.
const MAX_ITEMS = 200;

function pendingWhere(principal: TPrincipal) {
  return { status: "PENDING" as const, teamId: { in: teamsWhere(principal, "approval:read") } };
}

/** The rule of decide-approval.ts: approval:decide in the team, and for a request to admins, being its admin. */
function mayDecide(principal: TPrincipal, teamId: string, assigneeRole: string): boolean {
  if (!can(principal, "approval:decide", { teamId })) return false;
  return assigneeRole !== "admin" || principal.memberships.some((m) => m.teamId === teamId && m.role === "admin");
}

/** Pending approvals in the teams where the person has approval:read; most urgent first. */
export async function listPendingApprovals(
  db: TDb,
  principal: TPrincipal,
  now = new Date(),
): Promise<TPendingApproval[]> {
  const rows = await db.approval.findMany({
    where: pendingWhere(principal),
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    take: MAX_ITEMS,
    select: {
      id: true,
      title: true,
      details: true,
      teamId: true,
      runId: true,
      assigneeRole: true,
      createdAt: true,
      dueAt: true,
      team: { select: { name: true } },
      run: { select: { workflowId: true, isGenerated: true, workflow: { select: { name: true } } } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    title: a.title,
    teamName: a.team.name,
    workflowId: a.run.workflowId,
    workflowName: a.run.workflow.name,
    runId: a.runId,
    assigneeRole: a.assigneeRole,
    requestedAt: a.createdAt.toISOString(),
    dueAt: a.dueAt?.toISOString() ?? null,
    isOverdue: a.dueAt !== null && a.dueAt.getTime() < now.getTime(),
    isGenerated: a.run.isGenerated,
    hold: readPolicyHold(a.details),
    canDecide: mayDecide(principal, a.teamId, a.assigneeRole),
  }));
}

/** The Inbox badge: how many approvals wait in the person's teams. */
export function countPendingApprovals(db: TDb, principal: TPrincipal): Promise<number> {
  return db.approval.count({ where: pendingWhere(principal) });
}
