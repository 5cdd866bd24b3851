// Restoring a published version: its graph becomes the draft, with the same optimistic concurrency as a save (a
// restore from a stale tab is refused, never silently applied). Published versions themselves never change.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import type { TGraphProblem } from "./graph-problems.shared";
import { loadVersionGraph, parseVersionNumber } from "./list-versions";
import { validateWorkflow } from "./validate-workflow";
import { loadWorkflowFor, staleDraftError } from "./workflow-access";
import { principalActor } from "../auth/actor";

export const ZRestoreVersion = z.object({
  /** The draft revision the editor shows: the restore replaces exactly that draft. */
  revision: z.number().int().min(1),
});

export async function restoreVersion(
  db: TDb,
  principal: TPrincipal,
  workflowId: string,
  rawNumber: string,
  raw: z.input<typeof ZRestoreVersion>,
): Promise<{ draftRevision: number; problems: TGraphProblem[] }> {
  const number = parseVersionNumber(rawNumber);
  const input = parseOrThrow(ZRestoreVersion, raw);
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:write");
  if (workflow.status === "archived") throw new AppError("CONFLICT", "This workflow is archived; restore it before editing.");
  const version = await loadVersionGraph(db, workflowId, number);
  // Checked against today's models, credentials and sub-workflows: what was valid then may not be now.
  const validation = await validateWorkflow(db, { teamId: workflow.teamId, workflowId, graph: version.graph });
  const draftRevision = await db.$transaction(async (tx) => {
    const result = await tx.workflow.updateMany({
      where: { id: workflowId, draftRevision: input.revision },
      data: { draftGraph: version.graph as Prisma.InputJsonValue, draftRevision: { increment: 1 }, updatedById: principal.id },
    });
    if (result.count === 0) {
      const current = await tx.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { draftRevision: true } });
      throw staleDraftError(current.draftRevision, input.revision);
    }
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "workflow.version_restored",
      resource: { type: "workflow", id: workflowId },
      teamId: workflow.teamId,
      data: { version: number, versionId: version.id, revision: input.revision + 1, problems: validation.problems.length },
    });
    return input.revision + 1;
  });
  return { draftRevision, problems: validation.problems };
}
