import { describe, expect, it } from "vitest";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { flowFromGraph, graphFromFlow, keepSameGraph } from "./flow-model";

const graph: TWorkflowGraph = {
  nodes: [
    { id: "start", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: "out", type: "control.output", typeVersion: 1, position: { x: 320, y: 0 }, config: { value: "trigger.body" } },
  ],
  edges: [{ id: "e1", source: "start", sourceHandle: "out", target: "out", targetHandle: "in" }],
};

describe("keepSameGraph", () => {
  it("keeps the graph when only measured sizes and the selection changed", () => {
    const flow = flowFromGraph(graph);
    const measured = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, measured: { width: 240, height: 84 }, selected: n.id === "out" })) };
    expect(keepSameGraph(graph, graphFromFlow(measured))).toBe(graph);
  });

  it("takes the new graph when a node moved, its config changed or a connection went", () => {
    const flow = flowFromGraph(graph);
    const moved = { ...flow, nodes: flow.nodes.map((n) => (n.id === "out" ? { ...n, position: { x: 400, y: 0 } } : n)) };
    const edited = { ...flow, nodes: flow.nodes.map((n) => (n.id === "out" ? { ...n, data: { ...n.data, config: { value: "1" } } } : n)) };
    for (const next of [graphFromFlow(moved), graphFromFlow(edited), graphFromFlow({ ...flow, edges: [] })]) expect(keepSameGraph(graph, next)).toBe(next);
  });
});
