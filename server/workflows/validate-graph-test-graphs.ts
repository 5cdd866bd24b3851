// Graph builders for the validator's tests.
import type { TWorkflowEdge } from "./graph.shared";

export type TRawNode = {
  id: string;
  type: string;
  typeVersion: number;
  position: { x: number; y: number };
  config: Record<string, unknown>;
  settings?: Record<string, unknown>;
  label?: string;
};
export type TRawGraph = { nodes: TRawNode[]; edges: TWorkflowEdge[] };

export function node(
  id: string,
  type: string,
  config: Record<string, unknown> = {},
  extra: Partial<TRawNode> = {},
): TRawNode {
  return { id, type, typeVersion: 1, position: { x: 0, y: 0 }, config, ...extra };
}

export function edge(source: string, target: string, sourceHandle = "out", targetHandle = "in"): TWorkflowEdge {
  return { id: `${source}.${sourceHandle}->${target}.${targetHandle}`, source, sourceHandle, target, targetHandle };
}

export const transform = (id: string, expression: string) => node(id, "tool.transform", { expression });

/**
 * A valid graph using branches, a join, a loop (body coming back to its "back" port) and an output:
 * start → check ─true→ big ─┐
 *                └false→ small ─┴→ merge → each ─item→ work → each.back ; each ─done→ result
 */
export function validGraph(): TRawGraph {
  return {
    nodes: [
      node("start", "trigger.manual"),
      node("check", "control.condition", { condition: "trigger.body.amount > 100" }),
      transform("big", '{ "size": "big", "amount": trigger.body.amount }'),
      transform("small", '{ "size": "small" }'),
      node("merge", "control.join", { mode: "any" }),
      node("each", "control.loop", { items: "trigger.body.items", concurrency: 2 }),
      transform("work", '{ "item": item, "size": nodes.merge.output, "checked": nodes.check.output }'),
      node("result", "control.output", {
        value: '{ "results": nodes.each.output.results, "size": nodes.merge.output }',
      }),
    ],
    edges: [
      edge("start", "check"),
      edge("check", "big", "true"),
      edge("check", "small", "false"),
      edge("big", "merge"),
      edge("small", "merge"),
      edge("merge", "each"),
      edge("each", "work", "item"),
      edge("work", "each", "out", "back"),
      edge("each", "result", "done"),
    ],
  };
}

/** A copy of the valid graph, changed by `change`. */
export function variant(change: (graph: TRawGraph) => void): TRawGraph {
  const graph = validGraph();
  change(graph);
  return graph;
}

export function findNode(graph: TRawGraph, id: string): TRawNode {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

/**
 * A valid generated graph of `nodeCount` nodes and `edgeCount` edges: a chain from the trigger, then forward
 * shortcuts (i → j, i < j); every node reads the output of the node before it.
 */
export function generatedGraph(nodeCount: number, edgeCount: number): TRawGraph {
  const nodes: TRawNode[] = [node("n0", "trigger.manual")];
  const edges: TWorkflowEdge[] = [];
  for (let i = 1; i < nodeCount; i++) {
    nodes.push(
      transform(`n${i}`, `{ "i": ${i}, "prev": nodes.n${i - 1}.output, "amount": trigger.body.amount * ${i} }`),
    );
    edges.push(edge(`n${i - 1}`, `n${i}`));
  }
  for (let step = 2; edges.length < edgeCount; step++) {
    for (let i = 0; i + step < nodeCount && edges.length < edgeCount; i += 3) edges.push(edge(`n${i}`, `n${i + step}`));
  }
  return { nodes, edges };
}
