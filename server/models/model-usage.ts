// What would break if a model were deleted: the workflows whose nodes name it (in their draft, their published
// version, or a version that runs in progress were started on), the routes that target it, and the budgets that
// downgrade calls to it by name when no other model has that name. Disabled and archived records count too: they can
// be enabled or restored.
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { ZRouteTargets } from "../gateway/resolve-target";
import { referenceSlots } from "../workflows/reference-slots.shared";
import type { TModelUse } from "./model-usage.shared";

type TTx = TDb | Prisma.TransactionClient;
type TGraphRow = { id: string; name: string; teamName: string; place: "draft" | "published" | "running"; number: number | null; graph: unknown };

/** The model nodes of a graph that name this model. */
function nodesNaming(graph: unknown, modelId: string): string[] {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((n: unknown) => {
    const node = n as { id?: unknown; type?: unknown; config?: unknown };
    if (typeof node.id !== "string" || typeof node.type !== "string" || !node.config || typeof node.config !== "object") return [];
    const slots = referenceSlots({ id: node.id, type: node.type, config: node.config as Record<string, unknown> });
    return slots.some((s) => s.kind === "model" && s.id === modelId) ? [node.id] : [];
  });
}

const PLACE: Record<TGraphRow["place"], (n: number | null) => string> = {
  draft: () => "the draft",
  published: (n) => `the published version ${n}`,
  running: (n) => `version ${n}, which runs in progress use`,
};

async function workflowUses(tx: TTx, modelId: string): Promise<TModelUse[]> {
  // Containment finds candidate graphs with the index-free scan once; referenceSlots decides what a reference is.
  const pattern = JSON.stringify({ nodes: [{ config: { model: { modelId } } }] });
  const rows = await tx.$queryRaw<TGraphRow[]>`
    SELECT w.id, w.name, t.name AS "teamName", 'draft' AS place, NULL::int AS number, w."draftGraph" AS graph
      FROM "Workflow" w JOIN "Team" t ON t.id = w."teamId"
     WHERE w."draftGraph" @> ${pattern}::jsonb
    UNION ALL
    SELECT w.id, w.name, t.name, 'published', v.number, v.graph
      FROM "Workflow" w JOIN "Team" t ON t.id = w."teamId" JOIN "WorkflowVersion" v ON v.id = w."publishedVersionId"
     WHERE v.graph @> ${pattern}::jsonb
    UNION ALL
    SELECT DISTINCT w.id, w.name, t.name, 'running', v.number, v.graph
      FROM "Run" r JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId"
      JOIN "Workflow" w ON w.id = v."workflowId" JOIN "Team" t ON t.id = w."teamId"
     WHERE r.status IN ('QUEUED', 'RUNNING', 'WAITING') AND v.id IS DISTINCT FROM w."publishedVersionId"
       AND v.graph @> ${pattern}::jsonb`;
  const byWorkflow = new Map<string, { row: TGraphRow; places: string[] }>();
  for (const row of rows) {
    const nodes = nodesNaming(row.graph, modelId);
    if (nodes.length === 0) continue;
    const entry = byWorkflow.get(row.id) ?? { row, places: [] };
    const noun = nodes.length === 1 ? "node" : "nodes";
    entry.places.push(`${PLACE[row.place](row.number)} (${noun} ${nodes.map((n) => `"${n}"`).join(", ")})`);
    byWorkflow.set(row.id, entry);
  }
  return [...byWorkflow.values()]
    .sort((a, b) => a.row.teamName.localeCompare(b.row.teamName) || a.row.name.localeCompare(b.row.name))
    .map(({ row, places }) => ({ kind: "workflow", id: row.id, name: row.name, detail: `team ${row.teamName}, ${places.join(" and ")}` }));
}

async function routeUses(tx: TTx, modelId: string): Promise<TModelUse[]> {
  const routes = await tx.route.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, targets: true } });
  return routes
    .filter((r) => (ZRouteTargets.safeParse(r.targets).data ?? []).some((t) => t.modelId === modelId))
    .map((r) => ({ kind: "route", id: r.id, name: r.name, detail: "one of its targets" }));
}

async function budgetUses(tx: TTx, model: { id: string; name: string }): Promise<TModelUse[]> {
  const others = await tx.model.count({ where: { name: model.name, id: { not: model.id } } });
  if (others > 0) return [];
  const budgets = await tx.budget.findMany({ where: { downgradeTo: model.name }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return budgets.map((b) => ({ kind: "budget", id: b.id, name: b.name, detail: "downgrades calls to it" }));
}

export async function findModelUses(tx: TTx, model: { id: string; name: string }): Promise<TModelUse[]> {
  const [workflows, routes, budgets] = await Promise.all([workflowUses(tx, model.id), routeUses(tx, model.id), budgetUses(tx, model)]);
  return [...workflows, ...routes, ...budgets];
}
