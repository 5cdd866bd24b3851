import { describe, expect, it } from "vitest";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { createNode } from "../graph/create-node";
import { flowFromGraph, graphFromFlow, mergeGraphIntoFlow } from "../graph/flow-model";
import { historyReducer, initHistory } from "./builder-history";

function second(g: TWorkflowGraph) {
  const node = g.nodes[1];
  if (!node) throw new Error("the test graph has two nodes");
  return node;
}

function graph(): TWorkflowGraph {
  const manual = createNode("trigger.manual", { x: 0, y: 0 }, new Set());
  const llm = createNode("ai.llm", { x: 300, y: 0 }, new Set());
  return { nodes: [manual, llm], edges: [{ id: "e1", source: "manual", sourceHandle: "out", target: "llm", targetHandle: "in" }] };
}

describe("canvas history", () => {
  it("round-trips a graph through the canvas model", () => {
    expect(graphFromFlow(flowFromGraph(graph()))).toEqual(graph());
  });

  it("makes one undo step of a whole drag and none of selecting", () => {
    let state = initHistory(flowFromGraph(graph()));
    state = historyReducer(state, { kind: "nodes", changes: [{ type: "select", id: "llm", selected: true }], at: 1 });
    expect(state.past).toHaveLength(0);
    for (const x of [310, 320, 330]) {
      state = historyReducer(state, { kind: "nodes", changes: [{ type: "position", id: "llm", position: { x, y: 0 }, dragging: true }], at: 2 });
    }
    state = historyReducer(state, { kind: "nodes", changes: [{ type: "position", id: "llm", dragging: false }], at: 3 });
    expect(state.past).toHaveLength(1);
    expect(second(graphFromFlow(state.present)).position.x).toBe(330);
    state = historyReducer(state, { kind: "undo" });
    expect(second(graphFromFlow(state.present)).position.x).toBe(300);
    state = historyReducer(state, { kind: "redo" });
    expect(second(graphFromFlow(state.present)).position.x).toBe(330);
  });

  it("folds a burst of typing into one entry, and a new edit clears redo", () => {
    let state = initHistory(flowFromGraph(graph()));
    const edit = (prompt: string, at: number) => {
      const g = graphFromFlow(state.present);
      g.nodes[1] = { ...second(g), config: { ...second(g).config, prompt } };
      state = historyReducer(state, { kind: "set", flow: mergeGraphIntoFlow(state.present, g), at, coalesceKey: "config:llm:prompt" });
    };
    edit("H", 1000);
    edit("He", 1200);
    edit("Hey", 1400);
    expect(state.past).toHaveLength(1);
    edit("Hey there", 5000);
    expect(state.past).toHaveLength(2);
    state = historyReducer(state, { kind: "undo" });
    expect(second(graphFromFlow(state.present)).config.prompt).toBe("Hey");
    edit("Other", 9000);
    expect(state.future).toHaveLength(0);
  });

  it("keeps unchanged nodes' objects when a graph is laid over the canvas", () => {
    const flow = flowFromGraph(graph());
    const g = graphFromFlow(flow);
    g.nodes[1] = { ...second(g), label: "Summarise" };
    const merged = mergeGraphIntoFlow(flow, g);
    expect(merged.nodes[0]).toBe(flow.nodes[0]);
    expect(merged.nodes[1]).not.toBe(flow.nodes[1]);
    expect(merged.nodes[1]?.data.label).toBe("Summarise");
  });
});
