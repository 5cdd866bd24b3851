import type { TDb } from "../db/client";
import { AppError } from "../errors";
import { assertCan, can, type TAction, type TPrincipal } from "../auth/permissions";

/** Loads a workflow the person may act on; a workflow of a team they cannot read is "not found". */
export async function loadWorkflowFor(db: TDb, principal: TPrincipal, workflowId: string, action: TAction) {
  const workflow = await db.workflow.findUnique({ where: { id: workflowId } });
  if (!workflow || !can(principal, "workflow:read", { teamId: workflow.teamId })) {
    throw new AppError("NOT_FOUND", "This workflow does not exist, or you cannot see it.");
  }
  assertCan(principal, action, { teamId: workflow.teamId });
  return workflow;
}

export function userActor(principal: TPrincipal) {
  return { type: "user" as const, id: principal.id, label: principal.email };
}

/**
 * 409 for an action on a draft revision that is no longer the current one. `details` carry both revisions: the
 * editor tells a stale draft from other conflicts by them and offers to reload or compare.
 */
export function staleDraftError(
  currentRevision: number,
  yourRevision: number,
  message = "Someone saved this workflow after you opened it. Reload to see their changes, then try again.",
): AppError {
  return new AppError("CONFLICT", message, { details: { currentRevision, yourRevision } });
}
