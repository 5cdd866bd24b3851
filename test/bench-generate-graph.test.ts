// The builder benchmark's graph (bench/generate-graph.ts): the size asked for, and a graph the builder shows with no
// problem badge, so the benchmark measures a realistic canvas rather than one covered in warnings.
import { describe, expect, it } from "vitest";
import { generateGraph } from "../bench/generate-graph";
import { ZWorkflowGraph } from "../server/workflows/graph.shared";
import { validateGraph } from "../server/workflows/validate-graph.shared";

describe("generateGraph", () => {
  it("builds 300 nodes and 400 distinct connections that pass the schema and the validator", () => {
    const graph = generateGraph({ nodes: 300, edges: 400 });
    expect(graph.nodes).toHaveLength(300);
    expect(graph.edges).toHaveLength(400);
    expect(ZWorkflowGraph.safeParse(graph).success).toBe(true);
    expect(validateGraph(graph).problems).toEqual([]);
    expect(graph.nodes.filter((n) => n.type === "trigger.manual")).toHaveLength(1);
    const types = new Set(graph.nodes.map((n) => n.type));
    for (const type of ["ai.llm", "tool.http", "tool.transform", "control.condition", "control.switch", "control.join", "control.output"])
      expect(types).toContain(type);
  });

  it("lays nodes out left to right: every connection goes forward", () => {
    const graph = generateGraph({ nodes: 300, edges: 400 });
    const x = new Map(graph.nodes.map((n) => [n.id, n.position.x]));
    for (const edge of graph.edges) expect(x.get(edge.target)!).toBeGreaterThan(x.get(edge.source)!);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateGraph({ nodes: 60, edges: 80, seed: 7 });
    expect(generateGraph({ nodes: 60, edges: 80, seed: 7 })).toEqual(a);
    expect(generateGraph({ nodes: 60, edges: 80, seed: 8 })).not.toEqual(a);
    expect(validateGraph(a).problems).toEqual([]);
  });
});
