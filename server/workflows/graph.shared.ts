import { z } from "zod";
import { ZNodeSettings } from "./node-settings.shared";

// The workflow graph as stored in Workflow.draftGraph and WorkflowVersion.graph, shared by the builder,
// the API and the worker. Isomorphic: zod only. Structural rules beyond these (ports, cycles, configs per
// node type) belong to the graph validator, which knows the node definitions.

export const TRIGGER_NODE_TYPES = ["trigger.manual", "trigger.webhook", "trigger.schedule", "trigger.event"] as const;
export const AI_NODE_TYPES = ["ai.llm", "ai.classifier", "ai.sentiment", "ai.entities", "ai.retrieval"] as const;
export const TOOL_NODE_TYPES = ["tool.http", "tool.mcp", "tool.code", "tool.transform"] as const;
export const CONTROL_NODE_TYPES = [
  "control.condition",
  "control.switch",
  "control.parallel",
  "control.join",
  "control.loop",
  "control.delay",
  "control.subworkflow",
  "control.approval",
  "control.output",
] as const;

export const NODE_TYPES = [...TRIGGER_NODE_TYPES, ...AI_NODE_TYPES, ...TOOL_NODE_TYPES, ...CONTROL_NODE_TYPES] as const;
export type TNodeType = (typeof NODE_TYPES)[number];
export const ZNodeType = z.enum(NODE_TYPES);

export type TNodeCategory = "trigger" | "ai" | "tool" | "control";

export function nodeCategory(type: TNodeType): TNodeCategory {
  return type.slice(0, type.indexOf(".")) as TNodeCategory;
}

export function isTriggerType(type: TNodeType): boolean {
  return nodeCategory(type) === "trigger";
}

// Node ids appear in expressions (`nodes.<id>.output`), so they must be plain identifiers.
export const NODE_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_GRAPH_NODES = 500;
export const MAX_GRAPH_EDGES = 2000;

export const ZNodePosition = z.object({ x: z.number(), y: z.number() });

export const ZWorkflowNode = z.object({
  id: z.string().regex(NODE_ID_PATTERN, "Use letters, digits and underscores, starting with a letter (max 64)"),
  type: ZNodeType,
  typeVersion: z.number().int().min(1),
  position: ZNodePosition,
  config: z.record(z.string(), z.unknown()),
  label: z.string().max(120).optional(),
  /** Retries, timeout and what a failure does; defaults apply when absent. */
  settings: ZNodeSettings.partial().optional(),
});
export type TWorkflowNode = z.infer<typeof ZWorkflowNode>;

const ZHandle = z.string().min(1).max(64);

export const ZWorkflowEdge = z.object({
  id: z.string().min(1).max(128),
  source: z.string().min(1),
  sourceHandle: ZHandle,
  target: z.string().min(1),
  targetHandle: ZHandle,
});
export type TWorkflowEdge = z.infer<typeof ZWorkflowEdge>;

export const ZWorkflowGraph = z
  .object({
    nodes: z.array(ZWorkflowNode).max(MAX_GRAPH_NODES),
    edges: z.array(ZWorkflowEdge).max(MAX_GRAPH_EDGES),
  })
  .superRefine((graph, ctx) => {
    const nodeIds = new Set<string>();
    graph.nodes.forEach((node, i) => {
      if (nodeIds.has(node.id))
        ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `Duplicate node id "${node.id}"` });
      nodeIds.add(node.id);
    });
    const edgeIds = new Set<string>();
    graph.edges.forEach((edge, i) => {
      if (edgeIds.has(edge.id))
        ctx.addIssue({ code: "custom", path: ["edges", i, "id"], message: `Duplicate edge id "${edge.id}"` });
      edgeIds.add(edge.id);
      for (const end of ["source", "target"] as const) {
        if (!nodeIds.has(edge[end])) {
          ctx.addIssue({
            code: "custom",
            path: ["edges", i, end],
            message: `Edge ${end} "${edge[end]}" is not a node of this graph`,
          });
        }
      }
    });
  });
export type TWorkflowGraph = z.infer<typeof ZWorkflowGraph>;

export const EMPTY_WORKFLOW_GRAPH: TWorkflowGraph = { nodes: [], edges: [] };
