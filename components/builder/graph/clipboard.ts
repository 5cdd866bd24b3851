// Copy and paste of nodes, within a canvas and across tabs (through the system clipboard as JSON). Pasted nodes get
// fresh ids, and expressions among them that name each other (`nodes.fetch.output`) follow the new ids.
import { z } from "zod";
import { ZWorkflowEdge, ZWorkflowNode, type TWorkflowEdge, type TWorkflowGraph, type TWorkflowNode } from "@/server/workflows/graph.shared";
import { nextNodeId } from "./create-node";
import { findDefinition } from "@/server/nodes/registry.shared";
import { renameConfigReferences } from "@/server/workflows/validate-graph-expressions.shared";

export const CLIPBOARD_FORMAT = "baton.nodes";

export const ZClipboard = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(ZWorkflowNode).min(1).max(500),
  edges: z.array(ZWorkflowEdge).max(2000),
});
export type TClipboard = z.infer<typeof ZClipboard>;

/** The selected nodes and the connections between them. */
export function copySelection(graph: TWorkflowGraph, selected: ReadonlySet<string>): TClipboard | null {
  const nodes = graph.nodes.filter((n) => selected.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => selected.has(e.source) && selected.has(e.target));
  return { format: CLIPBOARD_FORMAT, nodes: structuredClone(nodes), edges: structuredClone(edges) };
}

export function parseClipboard(text: string): TClipboard | null {
  try {
    const parsed = ZClipboard.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type TPasteResult = { graph: TWorkflowGraph; pastedIds: string[]; skippedTriggers: number };

/** Adds the clipboard's nodes shifted by `offset`; a second trigger is left out (a workflow has exactly one). */
export function pasteClipboard(graph: TWorkflowGraph, clip: TClipboard, offset: { x: number; y: number }): TPasteResult {
  const taken = new Set(graph.nodes.map((n) => n.id));
  let hasTrigger = graph.nodes.some((n) => findDefinition(n.type)?.category === "trigger");
  let skippedTriggers = 0;
  const renamed = new Map<string, string>();
  const kept: TWorkflowNode[] = [];
  for (const node of clip.nodes) {
    if (findDefinition(node.type)?.category === "trigger") {
      if (hasTrigger) {
        skippedTriggers++;
        continue;
      }
      hasTrigger = true;
    }
    const id = nextNodeId(node.id.replace(/_\d+$/, "") || node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
    kept.push(node);
  }
  const nodes = kept.map((node) => ({
    ...node,
    id: renamed.get(node.id) as string,
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    config: renameReferences(node, renamed),
  }));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const edges: TWorkflowEdge[] = [];
  for (const edge of clip.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    const id = uniqueEdgeId(`${source}-${edge.sourceHandle}-${target}`, edgeIds);
    edgeIds.add(id);
    edges.push({ ...edge, id, source, target });
  }
  return {
    graph: { nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    pastedIds: nodes.map((n) => n.id),
    skippedTriggers,
  };
}

export function uniqueEdgeId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.slice(0, 120);
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}_${n}`)) return `${clean}_${n}`;
}

/** The node's expressions and templates follow the renamed ids (`nodes.<old>` → `nodes.<new>`), as the validator reads them. */
function renameReferences(node: TWorkflowNode, renamed: ReadonlyMap<string, string>): TWorkflowNode["config"] {
  const definition = findDefinition(node.type);
  return definition ? renameConfigReferences(definition, node.config, renamed) : node.config;
}
