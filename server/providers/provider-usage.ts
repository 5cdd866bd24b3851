import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { ZRouteTargets } from "../gateway/resolve-target";
import { ZWorkflowGraph } from "../workflows/graph.shared";
import { referenceSlots } from "../workflows/reference-slots.shared";
import type { TProviderUsage } from "./providers.shared";

// What refers to a provider, so that deleting it can be refused with the list: its models, the routes whose targets
// are among them, and the nodes of workflow drafts and published versions that call those models or routes.

type TTx = TDb | Prisma.TransactionClient;

type TGraphRow = { workflowId: string; workflowName: string; version: number | null; graph: unknown };

export async function providerUsage(db: TTx, providerId: string): Promise<TProviderUsage> {
  const models = await db.model.findMany({ where: { providerId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  if (models.length === 0) return { models: [], routes: [], workflowNodes: [] };
  const modelIds = new Set(models.map((m) => m.id));
  const routes = (await db.route.findMany({ select: { name: true, targets: true }, orderBy: { name: "asc" } })).filter((r) => {
    const targets = ZRouteTargets.safeParse(r.targets);
    return targets.success && targets.data.some((t) => modelIds.has(t.modelId));
  });
  const routeNames = new Set(routes.map((r) => r.name));
  const needles = [...modelIds, ...routeNames];
  // Only graphs whose text mentions one of the ids or route names are parsed.
  const graphs = await db.$queryRaw<TGraphRow[]>`
    SELECT w.id AS "workflowId", w.name AS "workflowName", NULL::int AS version, w."draftGraph" AS graph
      FROM "Workflow" w
     WHERE EXISTS (SELECT 1 FROM unnest(${needles}::text[]) n WHERE strpos(w."draftGraph"::text, n) > 0)
    UNION ALL
    SELECT w.id, w.name, v.number, v.graph
      FROM "Workflow" w JOIN "WorkflowVersion" v ON v.id = w."publishedVersionId"
     WHERE EXISTS (SELECT 1 FROM unnest(${needles}::text[]) n WHERE strpos(v.graph::text, n) > 0)
     ORDER BY 2, 3 NULLS FIRST`;
  const workflowNodes: TProviderUsage["workflowNodes"] = [];
  for (const row of graphs) {
    const graph = ZWorkflowGraph.safeParse(row.graph);
    if (!graph.success) continue;
    for (const node of graph.data.nodes) {
      const isUsing = referenceSlots(node).some(
        (s) => (s.kind === "model" && modelIds.has(s.id)) || (s.kind === "route" && routeNames.has(s.id)),
      );
      if (isUsing) workflowNodes.push({ workflowId: row.workflowId, workflowName: row.workflowName, nodeId: node.id, version: row.version ?? "draft" });
    }
  }
  return { models, routes: routes.map((r) => ({ name: r.name })), workflowNodes };
}

function listed(items: string[], noun: string): string {
  const shown = items.slice(0, 5).join(", ");
  const more = items.length > 5 ? ` and ${items.length - 5} more` : "";
  return `${items.length} ${noun}${items.length === 1 ? "" : "s"} (${shown}${more})`;
}

/** "3 models (…), 1 route (…) and 2 workflow nodes (…)": what keeps a provider from being deleted. */
export function describeUsage(usage: TProviderUsage): string {
  const parts = [
    listed(usage.models.map((m) => m.name), "model"),
    ...(usage.routes.length ? [listed(usage.routes.map((r) => r.name), "route")] : []),
    ...(usage.workflowNodes.length
      ? [listed(usage.workflowNodes.map((n) => `${n.workflowName} → ${n.nodeId} (${n.version === "draft" ? "draft" : `v${n.version}`})`), "workflow node")]
      : []),
  ];
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
