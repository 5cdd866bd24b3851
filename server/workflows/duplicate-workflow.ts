// Duplicate: a new draft workflow with a copy of another's draft graph, description and tags. Into another team, the
// references to the source team's credentials and knowledge bases are re-linked by name (or left empty).
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { ZWorkflowGraph } from "./graph.shared";
import { availableName, insertWorkflow, ZWorkflowName } from "./create-workflow";
import { loadWorkflowFor } from "./workflow-access";
import { describeReferences, relinkReferences, withoutCredentials } from "./workflow-references";

export const ZDuplicateWorkflow = z.object({
  /** Default: "Copy of <name>", numbered if the team already has one. */
  name: ZWorkflowName.optional(),
  /** Default: the source's team. */
  teamId: z.string().min(1).max(64).optional(),
});
export type TDuplicateWorkflow = z.input<typeof ZDuplicateWorkflow>;

export async function duplicateWorkflow(db: TDb, principal: TPrincipal, workflowId: string, raw: TDuplicateWorkflow) {
  const input = parseOrThrow(ZDuplicateWorkflow, raw);
  const source = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const teamId = input.teamId ?? source.teamId;
  assertCan(principal, "workflow:write", { teamId });
  const parsed = ZWorkflowGraph.safeParse(source.draftGraph);
  if (!parsed.success) throw new AppError("CONFLICT", "This workflow's draft cannot be read, so it cannot be copied.");
  let graph = parsed.data;
  if (teamId !== source.teamId) {
    const references = await describeReferences(db, source.teamId, graph);
    graph = await relinkReferences(db, teamId, withoutCredentials(graph), references);
  }
  const workflow = await insertWorkflow(db, principal, {
    teamId,
    name: input.name ?? (await availableName(db, teamId, `Copy of ${source.name}`)),
    description: source.description,
    tags: source.tags,
    graph,
    templateKey: source.templateKey,
    audit: { action: "workflow.duplicated", data: { sourceWorkflowId: source.id, sourceTeamId: source.teamId } },
  });
  return { id: workflow.id, name: workflow.name, teamId: workflow.teamId };
}
