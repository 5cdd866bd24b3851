import { describe, expect, it } from "vitest";
import { diffGraphs, isEmptyDiff } from "./diff-graphs.shared";
import type { TWorkflowGraph } from "./graph.shared";

const before: TWorkflowGraph = {
  nodes: [
    { id: "t", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: "llm",
      type: "ai.llm",
      typeVersion: 1,
      position: { x: 200, y: 0 },
      label: "Summarise",
      config: { prompt: "Summarise {{ trigger.body.text }}", maxTokens: 500, model: { kind: "model", modelId: "m1" } },
      settings: { retry: { maxAttempts: 2, backoffMs: 1000, maxBackoffMs: 60_000, retryOn: "retryable" } },
    },
    { id: "old", type: "tool.transform", typeVersion: 1, position: { x: 400, y: 0 }, config: { expression: "1" } },
  ],
  edges: [
    { id: "e1", source: "t", sourceHandle: "out", target: "llm", targetHandle: "in" },
    { id: "e2", source: "llm", sourceHandle: "out", target: "old", targetHandle: "in" },
  ],
};

describe("diffGraphs", () => {
  it("finds nothing between a graph and itself, or when only positions and edge ids differ", () => {
    expect(isEmptyDiff(diffGraphs(before, before))).toBe(true);
    const moved: TWorkflowGraph = {
      nodes: before.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 99 } })),
      edges: before.edges.map((e) => ({ ...e, id: `xy-${e.id}` })),
    };
    expect(isEmptyDiff(diffGraphs(before, moved))).toBe(true);
  });

  it("lists added, removed and changed nodes with dot paths, and added and removed edges", () => {
    const [t, llm] = before.nodes as [TWorkflowGraph["nodes"][0], TWorkflowGraph["nodes"][0]];
    const after: TWorkflowGraph = {
      nodes: [
        t,
        {
          ...llm,
          label: "Summarise ticket",
          config: { prompt: "Summarise {{ trigger.body.ticket }}", maxTokens: 500, model: { kind: "model", modelId: "m2" } },
          settings: { retry: { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000, retryOn: "retryable" }, timeoutMs: 5000 },
        },
        { id: "out", type: "control.output", typeVersion: 1, position: { x: 600, y: 0 }, config: { value: "nodes.llm.output.text" } },
      ],
      edges: [
        { id: "e1", source: "t", sourceHandle: "out", target: "llm", targetHandle: "in" },
        { id: "e3", source: "llm", sourceHandle: "out", target: "out", targetHandle: "in" },
      ],
    };
    const diff = diffGraphs(before, after);
    expect(diff.addedNodes).toEqual([{ id: "out", type: "control.output", label: "out" }]);
    expect(diff.removedNodes).toEqual([{ id: "old", type: "tool.transform", label: "old" }]);
    expect(diff.changedNodes).toEqual([
      {
        id: "llm",
        type: "ai.llm",
        label: "Summarise ticket",
        changes: [
          { path: "label", before: "Summarise", after: "Summarise ticket" },
          { path: "config.model.modelId", before: "m1", after: "m2" },
          { path: "config.prompt", before: "Summarise {{ trigger.body.text }}", after: "Summarise {{ trigger.body.ticket }}" },
          { path: "settings.retry.maxAttempts", before: 2, after: 3 },
          { path: "settings.timeoutMs", before: null, after: 5000 },
        ],
      },
    ]);
    expect(diff.addedEdges).toEqual([{ id: "e3", source: "llm", sourceHandle: "out", target: "out", targetHandle: "in" }]);
    expect(diff.removedEdges).toEqual([{ id: "e2", source: "llm", sourceHandle: "out", target: "old", targetHandle: "in" }]);
  });

  it("reports type and version changes, array items by index, and a re-wired edge as removed plus added", () => {
    const a: TWorkflowGraph = {
      nodes: [
        { id: "t", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        { id: "c", type: "ai.classifier", typeVersion: 1, position: { x: 0, y: 0 }, config: { labels: [{ id: "a" }, { id: "b" }] } },
      ],
      edges: [{ id: "e1", source: "t", sourceHandle: "out", target: "c", targetHandle: "in" }],
    };
    const b: TWorkflowGraph = {
      nodes: [
        { id: "t", type: "trigger.webhook", typeVersion: 2, position: { x: 0, y: 0 }, config: {} },
        { id: "c", type: "ai.classifier", typeVersion: 1, position: { x: 0, y: 0 }, config: { labels: [{ id: "a" }, { id: "x" }, { id: "y" }] } },
      ],
      edges: [{ id: "e1", source: "t", sourceHandle: "error", target: "c", targetHandle: "in" }],
    };
    const diff = diffGraphs(a, b);
    expect(diff.changedNodes.map((n) => [n.id, n.changes.map((c) => [c.path, c.before, c.after])])).toEqual([
      ["t", [["type", "trigger.manual", "trigger.webhook"], ["typeVersion", 1, 2]]],
      ["c", [["config.labels.1.id", "b", "x"], ["config.labels.2", null, { id: "y" }]]],
    ]);
    expect(diff.removedEdges.map((e) => e.sourceHandle)).toEqual(["out"]);
    expect(diff.addedEdges.map((e) => e.sourceHandle)).toEqual(["error"]);
  });
});
