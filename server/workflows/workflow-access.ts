import type { TDb } from "../db/client";
import { AppError } from "../errors";
import { assertCan, can, type TAction, type TPrincipal } from "../auth/permissions";

/**
 * Loads a workflow the person may act on; a workflow of a team they can neither read nor do `action` in is "not found".
 * Every role that may act on a workflow may also read it; an API key may hold `runs:write` without `workflows:read`.
 */
export async function loadWorkflowFor(db: TDb, principal: TPrincipal, workflowId: string, action: TAction) {
  const workflow = await db.workflow.findUnique({ where: { id: workflowId } });
  const isVisible = workflow !== null && (can(principal, "workflow:read", { teamId: workflow.teamId }) || can(principal, action, { teamId: workflow.teamId }));
  if (!workflow || !isVisible) {
    throw new AppError("NOT_FOUND", "This workflow does not exist, or you cannot see it.");
  }
  assertCan(principal, action, { teamId: workflow.teamId });
  return workflow;
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
