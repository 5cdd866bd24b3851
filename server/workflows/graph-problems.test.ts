import { describe, expect, it } from "vitest";
import {
  describeGraphProblems,
  groupGraphProblems,
  summarizeGraphProblems,
  type TGraphProblem,
} from "./graph-problems.shared";
import { validateGraph } from "./validate-graph.shared";
import { edge, transform, variant } from "./validate-graph-test-graphs";

const PROBLEMS: TGraphProblem[] = [
  {
    nodeId: "score",
    field: "condition",
    code: "invalid_config",
    message: 'Node "score", field "condition": Enter a condition.',
  },
  { nodeId: null, code: "no_trigger", message: "The workflow has no trigger;\n add one." },
  { nodeId: "a", nodeIds: ["a", "b"], code: "cycle", message: 'Nodes "a" → "b" → "a" form a cycle.' },
  { nodeId: "c", edgeId: "e1", code: "self_loop", message: 'Node "c" is connected to itself.' },
  { nodeId: null, nodeIds: ["t1", "t2"], code: "multiple_triggers", message: "There must be exactly one trigger." },
];

describe("graph problem helpers", () => {
  it("describes each problem on one line, graph-wide problems first", () => {
    expect(describeGraphProblems(PROBLEMS)).toEqual([
      "The workflow has no trigger; add one.",
      "There must be exactly one trigger.",
      'Node "score", field "condition": Enter a condition.',
      'Nodes "a" → "b" → "a" form a cycle.',
      'Node "c" is connected to itself.',
    ]);
  });

  it("summarizes in one line", () => {
    expect(summarizeGraphProblems([])).toBe("The workflow has no problems.");
    expect(summarizeGraphProblems(PROBLEMS.slice(0, 1))).toBe(
      'The workflow has 1 problem: Node "score", field "condition": Enter a condition.',
    );
    expect(summarizeGraphProblems(PROBLEMS, 2)).toBe(
      "The workflow has 5 problems: The workflow has no trigger; add one; There must be exactly one trigger; and 3 more.",
    );
  });

  it("groups problems per node (every node of a cycle) and per edge", () => {
    const grouped = groupGraphProblems(PROBLEMS);
    expect(grouped.graph.map((p) => p.code)).toEqual(["no_trigger"]);
    expect(Object.keys(grouped.byNode).sort()).toEqual(["a", "b", "c", "score", "t1", "t2"]);
    expect(grouped.byNode.b?.map((p) => p.code)).toEqual(["cycle"]);
    expect(grouped.byEdge).toEqual({ e1: [PROBLEMS[3]] });
  });

  it("groups a real validation for the builder's badges", () => {
    const graph = variant((g) => {
      g.nodes.push(transform("orphan", "nodes.ghost"));
      g.edges.push(edge("big", "big"));
    });
    const { byNode, byEdge } = groupGraphProblems(validateGraph(graph).problems);
    expect(byNode.orphan?.map((p) => p.code)).toEqual(["no_incoming", "unknown_node_reference"]);
    expect(byNode.big?.map((p) => p.code)).toEqual(["self_loop"]);
    expect(Object.keys(byEdge)).toEqual(["big.out->big.in"]);
  });
});
