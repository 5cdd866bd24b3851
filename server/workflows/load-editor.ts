// Everything the builder needs to open a workflow: header, draft graph and its problems, what the person may do,
// the pickers' catalog and the latest finished run's data for expression previews. Used by the page and the API.
import type { TDb } from "../db/client";
import { can, type TPrincipal } from "../auth/permissions";
import type { TEditorData } from "./editor.shared";
import { ZWorkflowGraph, EMPTY_WORKFLOW_GRAPH } from "./graph.shared";
import { validateWorkflow } from "./validate-workflow";
import { loadWorkflowFor } from "./workflow-access";
import { loadEditorCatalog } from "./editor-catalog";
import { loadLastRunScope } from "./last-run-scope";

export async function loadEditor(db: TDb, principal: TPrincipal, workflowId: string): Promise<TEditorData> {
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const team = { teamId: workflow.teamId };
  // Drafts are saved only when they parse; anything else was written outside the app and opens as an empty canvas
  // with its problems listed, rather than an editor that cannot load.
  const parsed = ZWorkflowGraph.safeParse(workflow.draftGraph);
  const graph = parsed.success ? parsed.data : EMPTY_WORKFLOW_GRAPH;
  const [validation, catalog, lastRun, teamRow, published] = await Promise.all([
    validateWorkflow(db, { teamId: workflow.teamId, workflowId, graph: workflow.draftGraph }),
    loadEditorCatalog(db, workflow.teamId, workflowId),
    loadLastRunScope(db, workflowId),
    db.team.findUniqueOrThrow({ where: { id: workflow.teamId }, select: { name: true } }),
    workflow.publishedVersionId
      ? db.workflowVersion.findUnique({ where: { id: workflow.publishedVersionId }, select: { number: true } })
      : null,
  ]);
  const isArchived = workflow.status === "archived";
  return {
    workflow: {
      id: workflow.id,
      name: workflow.name,
      description: workflow.description,
      status: workflow.status,
      teamId: workflow.teamId,
      teamName: teamRow.name,
      draftRevision: workflow.draftRevision,
      publishedVersion: published?.number ?? null,
      updatedAt: workflow.updatedAt.toISOString(),
      dataClassification: workflow.dataClassification,
    },
    graph,
    problems: validation.problems,
    canEdit: !isArchived && can(principal, "workflow:write", team),
    // Publishing and running an archived workflow are refused too, so the builder need not offer them.
    canPublish: !isArchived && can(principal, "workflow:publish", team),
    canRun: !isArchived && can(principal, "workflow:run", team),
    canLowerClassification: !isArchived && can(principal, "workflow:write", team) && can(principal, "team:administer", team),
    catalog,
    lastRun,
  };
}
