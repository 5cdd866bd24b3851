// Server-side validation of a workflow graph before a save or a publish: every problem validateGraph finds, plus the
// references only the database can check: called workflows (same team, published, not the workflow itself), knowledge
// bases and credentials of the team, and models and routes that exist and are enabled. One query per kind of record.
import type { TDb } from "../db/client";
import { toValidation, type TGraphProblem, type TGraphValidation } from "./graph-problems.shared";
import { referenceSlots, type TSlotKind } from "./reference-slots.shared";
import { inspectGraph, type TInspectedNode } from "./validate-graph.shared";

export type TValidateWorkflowInput = {
  teamId: string;
  /** The workflow the graph belongs to, so calling itself is caught; null or absent for a workflow not created yet. */
  workflowId?: string | null;
  graph: unknown;
};

type TRef = { nodeId: string; field: string; id: string };
type TRefs = { workflows: TRef[]; knowledgeBases: TRef[]; credentials: TRef[]; models: TRef[]; routes: TRef[] };

export async function validateWorkflow(db: TDb, input: TValidateWorkflowInput): Promise<TGraphValidation> {
  const inspection = inspectGraph(input.graph);
  const refs = collectRefs(inspection.nodes.values());
  const problems: TGraphProblem[] = [...inspection.problems];
  for (const ref of refs.workflows.filter((r) => r.id === input.workflowId)) {
    problems.push({
      ...at(ref),
      code: "subworkflow_recursion",
      message: `Node "${ref.nodeId}" calls this same workflow, which would repeat forever; choose another workflow.`,
    });
  }
  refs.workflows = refs.workflows.filter((r) => r.id !== input.workflowId);
  problems.push(...(await checkRefs(db, input.teamId, refs)));
  return toValidation(problems);
}

function at(ref: TRef) {
  return { nodeId: ref.nodeId, field: ref.field };
}

function collectRefs(nodes: Iterable<TInspectedNode>): TRefs {
  const refs: TRefs = { workflows: [], knowledgeBases: [], credentials: [], models: [], routes: [] };
  const lists: Record<TSlotKind, TRef[]> = {
    workflow: refs.workflows,
    knowledgeBase: refs.knowledgeBases,
    credential: refs.credentials,
    model: refs.models,
    route: refs.routes,
  };
  for (const node of nodes) {
    if (!node.hasValidConfig || !node.node) continue;
    for (const slot of referenceSlots({ id: node.id, type: node.node.type, config: node.config as Record<string, unknown> })) {
      if (slot.isUsed) lists[slot.kind].push({ nodeId: slot.nodeId, field: slot.field, id: slot.id });
    }
  }
  return refs;
}

const ids = (refs: TRef[]) => [...new Set(refs.map((r) => r.id))];

async function checkRefs(db: TDb, teamId: string, refs: TRefs): Promise<TGraphProblem[]> {
  const [workflows, knowledgeBases, credentials, models, routes] = await Promise.all([
    refs.workflows.length === 0
      ? []
      : db.workflow.findMany({
          where: { id: { in: ids(refs.workflows) }, teamId },
          select: { id: true, name: true, status: true, publishedVersionId: true },
        }),
    refs.knowledgeBases.length === 0
      ? []
      : db.knowledgeBase.findMany({ where: { id: { in: ids(refs.knowledgeBases) }, teamId }, select: { id: true } }),
    refs.credentials.length === 0
      ? []
      : db.credential.findMany({ where: { id: { in: ids(refs.credentials) }, teamId }, select: { id: true } }),
    refs.models.length === 0
      ? []
      : db.model.findMany({
          where: { id: { in: ids(refs.models) } },
          select: {
            id: true,
            displayName: true,
            isEnabled: true,
            provider: { select: { name: true, isEnabled: true } },
          },
        }),
    refs.routes.length === 0
      ? []
      : db.route.findMany({ where: { name: { in: ids(refs.routes) } }, select: { name: true, isEnabled: true } }),
  ]);
  const problems: TGraphProblem[] = [];
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

  const workflowRows = byId(workflows);
  for (const ref of refs.workflows) {
    const row = workflowRows.get(ref.id);
    // Another team's workflow gets the same answer as a missing one: existence is not disclosed across teams.
    if (!row)
      problems.push({
        ...at(ref),
        code: "unknown_workflow",
        message: `Node "${ref.nodeId}": the workflow it calls does not exist in this team.`,
      });
    else if (row.status === "archived" || !row.publishedVersionId) {
      const why = row.status === "archived" ? "was archived" : "has no published version yet; publish it first";
      problems.push({
        ...at(ref),
        code: "subworkflow_not_published",
        message: `Node "${ref.nodeId}": the workflow "${row.name}" it calls ${why}.`,
      });
    }
  }
  const knowledgeBaseIds = byId(knowledgeBases);
  for (const ref of refs.knowledgeBases.filter((r) => !knowledgeBaseIds.has(r.id)))
    problems.push({
      ...at(ref),
      code: "unknown_knowledge_base",
      message: `Node "${ref.nodeId}": the knowledge base it searches does not exist in this team.`,
    });
  const credentialIds = byId(credentials);
  for (const ref of refs.credentials.filter((r) => !credentialIds.has(r.id)))
    problems.push({
      ...at(ref),
      code: "unknown_credential",
      message: `Node "${ref.nodeId}": the credential it uses does not exist in this team.`,
    });
  const modelRows = byId(models);
  for (const ref of refs.models) {
    const row = modelRows.get(ref.id);
    if (!row)
      problems.push({
        ...at(ref),
        code: "unknown_model",
        message: `Node "${ref.nodeId}": the model it uses does not exist (it may have been removed); choose another model.`,
      });
    else if (!row.isEnabled || !row.provider.isEnabled) {
      const what = row.isEnabled ? `its provider "${row.provider.name}" is disabled` : "it is disabled";
      problems.push({
        ...at(ref),
        code: "model_disabled",
        message: `Node "${ref.nodeId}": the model "${row.displayName}" cannot be used because ${what}; choose another model or ask an admin.`,
      });
    }
  }
  const routeRows = new Map(routes.map((row) => [row.name, row]));
  for (const ref of refs.routes) {
    const row = routeRows.get(ref.id);
    if (!row)
      problems.push({
        ...at(ref),
        code: "unknown_route",
        message: `Node "${ref.nodeId}": there is no route named "${ref.id}".`,
      });
    else if (!row.isEnabled)
      problems.push({
        ...at(ref),
        code: "route_disabled",
        message: `Node "${ref.nodeId}": the route "${ref.id}" is disabled; choose another route or ask an admin.`,
      });
  }
  return problems;
}
