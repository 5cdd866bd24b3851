import { describe, expect, it } from "vitest";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import { groupProblemsForDisplay, nodeNamesOf } from "./group-problems";

const GRAPH = {
  nodes: [
    { id: "start", label: "Ticket received" },
    { id: "classify", label: "Classify" },
    { id: "notify" },
  ],
};

describe("groupProblemsForDisplay", () => {
  it("lists whole-workflow problems first, then nodes in graph order, then connections", () => {
    const problems: TGraphProblem[] = [
      { nodeId: "notify", code: "no_incoming", message: "Node notify is not connected to anything." },
      { nodeId: "classify", field: "prompt", code: "invalid_template", message: "Classify: the prompt has an unclosed {{." },
      { nodeId: null, code: "no_trigger", message: "The workflow needs a trigger." },
      { nodeId: null, edgeId: "e9", code: "invalid_edge", message: "A connection points to a missing port." },
      { nodeId: "classify", code: "unknown_model", message: "Classify uses a model that no longer exists." },
    ];
    expect(groupProblemsForDisplay(problems, nodeNamesOf(GRAPH))).toEqual([
      { key: "graph", nodeId: null, title: "Whole workflow", messages: ["The workflow needs a trigger."] },
      {
        key: "node:classify",
        nodeId: "classify",
        title: "Classify (classify)",
        messages: ["Classify: the prompt has an unclosed {{.", "Classify uses a model that no longer exists."],
      },
      { key: "node:notify", nodeId: "notify", title: "notify", messages: ["Node notify is not connected to anything."] },
      { key: "edges", nodeId: null, title: "Connections", messages: ["A connection points to a missing port."] },
    ]);
  });

  it("lists a problem naming several nodes under each of them, and unknown nodes last", () => {
    const cycle: TGraphProblem = {
      nodeId: null,
      nodeIds: ["notify", "start"],
      code: "cycle",
      message: "start and notify form a cycle.",
    };
    const ghost: TGraphProblem = { nodeId: "ghost", code: "unreachable", message: "ghost can never run." };
    const groups = groupProblemsForDisplay([ghost, cycle], nodeNamesOf(GRAPH));
    expect(groups.map((g) => g.title)).toEqual(["Ticket received (start)", "notify", "ghost"]);
    expect(groups[0]?.messages).toEqual(["start and notify form a cycle."]);
  });

  it("works without a graph and with no problems", () => {
    expect(groupProblemsForDisplay([])).toEqual([]);
    const groups = groupProblemsForDisplay([{ nodeId: "x", code: "invalid_config", message: "x is  broken." }]);
    expect(groups).toEqual([{ key: "node:x", nodeId: "x", title: "x", messages: ["x is broken."] }]);
  });
});
