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
