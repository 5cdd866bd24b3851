// Saving the editable draft. Drafts are work in progress: a graph that is not even a graph (malformed structure,
// unknown node types, edges to missing nodes) is refused with every problem; a well-formed but incomplete graph is
// saved and its problems returned, so the builder can show them. Publishing refuses any problem.
import { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { ZWorkflowGraph } from "./graph.shared";
import { loadWorkflowFor, staleDraftError } from "./workflow-access";
import { principalActor } from "../auth/actor";
import { graphRefused } from "./graph-errors";
import { inspectGraph } from "./validate-graph.shared";
import { validateWorkflow } from "./validate-workflow";

export const ZSaveDraft = z.object({
  graph: z.unknown(),
  /** The draft revision the editor started from: a save from a stale tab is refused, never silently applied. */
  revision: z.number().int().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
});

export async function saveDraft(db: TDb, principal: TPrincipal, workflowId: string, raw: z.input<typeof ZSaveDraft>) {
  const input = parseOrThrow(ZSaveDraft, raw);
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:write");
  if (workflow.status === "archived") throw new AppError("CONFLICT", "This workflow is archived; restore it before editing.");
  const parsed = ZWorkflowGraph.safeParse(input.graph);
  if (!parsed.success) throw graphRefused("saved", inspectGraph(input.graph).problems);
  const validation = await validateWorkflow(db, { teamId: workflow.teamId, workflowId, graph: parsed.data });
  const updated = await db.$transaction(async (tx) => {
    const result = await tx.workflow.updateMany({
      where: { id: workflowId, draftRevision: input.revision },
      data: {
        draftGraph: parsed.data as unknown as Prisma.InputJsonValue,
        draftRevision: { increment: 1 },
        name: input.name,
        description: input.description,
        updatedById: principal.id,
      },
    });
    if (result.count === 0) {
      const current = await tx.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { draftRevision: true, updatedById: true } });
      throw staleDraftError(
        current.draftRevision,
        input.revision,
        "Someone saved this workflow after you opened it. Reload to see their changes, or compare before saving again.",
      );
    }
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "workflow.draft_saved",
      resource: { type: "workflow", id: workflowId },
      teamId: workflow.teamId,
      data: { revision: input.revision + 1, nodes: parsed.data.nodes.length, problems: validation.problems.length },
    });
    return tx.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { id: true, draftRevision: true, updatedAt: true } });
  });
  return { ...updated, problems: validation.problems };
}
