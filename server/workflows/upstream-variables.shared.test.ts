import { describe, expect, it } from "vitest";
import type { TWorkflowGraph, TWorkflowNode } from "./graph.shared";
import {
  buildVariableSuggestions,
  enclosingLoopIds,
  filterSuggestions,
  upstreamNodeIds,
} from "./upstream-variables.shared";

const node = (id: string, type: TWorkflowNode["type"], label?: string): TWorkflowNode => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config: {},
  ...(label ? { label } : {}),
});
const edge = (source: string, target: string, sourceHandle = "out", targetHandle = "in") => ({
  id: `${source}-${target}-${sourceHandle}`,
  source,
  target,
  sourceHandle,
  targetHandle,
});

// hook → classify → (billing) reply → out; classify → (technical) escalate; side is unconnected.
const graph: TWorkflowGraph = {
  nodes: [
    node("hook", "trigger.webhook"),
    node("classify", "ai.classifier", "Triage"),
    node("reply", "ai.llm"),
    node("escalate", "tool.http"),
    node("out", "control.output"),
    node("side", "tool.code"),
  ],
  edges: [
    edge("hook", "classify"),
    edge("classify", "reply", "billing"),
    edge("classify", "escalate", "technical"),
    edge("reply", "out"),
  ],
};

describe("upstreamNodeIds", () => {
  it("lists only the nodes that run before, nearest first", () => {
    expect(upstreamNodeIds(graph, "out")).toEqual(["reply", "classify", "hook"]);
    expect(upstreamNodeIds(graph, "escalate")).toEqual(["classify", "hook"]);
    expect(upstreamNodeIds(graph, "hook")).toEqual([]);
  });

  it("leaves loop back edges out, and knows the loop body", () => {
    const loopGraph: TWorkflowGraph = {
      nodes: [
        node("t", "trigger.manual"),
        node("loop", "control.loop"),
        node("body", "tool.code"),
        node("after", "control.output"),
      ],
      edges: [
        edge("t", "loop"),
        edge("loop", "body", "item"),
        edge("body", "loop", "out", "back"),
        edge("loop", "after", "done"),
      ],
    };
    expect(upstreamNodeIds(loopGraph, "loop")).toEqual(["t"]);
    expect(enclosingLoopIds(loopGraph, "body")).toEqual(["loop"]);
    expect(enclosingLoopIds(loopGraph, "after")).toEqual([]);
    const paths = buildVariableSuggestions(loopGraph, "body", null).map((s) => s.path);
    expect(paths).toEqual(expect.arrayContaining(["item", "index", "nodes.loop.output"]));
  });
});

describe("buildVariableSuggestions", () => {
  const scope = {
    trigger: {
      body: { amount: 120, customer: { name: "Ada", tags: ["vip"] } },
      headers: { "content-type": "application/json" },
    },
    nodes: {
      hook: { output: { body: { amount: 120 } } },
      classify: { output: { label: "billing", confidence: 0.92 } },
      side: { output: { result: 1 } },
    },
  };

  it("offers trigger fields and the outputs of upstream nodes seen in the last run, and nothing else", () => {
    const suggestions = buildVariableSuggestions(graph, "reply", scope);
    const paths = suggestions.map((s) => s.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "trigger.body",
        "trigger.body.amount",
        "trigger.body.customer.name",
        "trigger.headers.`content-type`",
        "nodes.classify.output",
        "nodes.classify.output.label",
        "nodes.classify.output.confidence",
        "nodes.hook.output.body.amount",
      ]),
    );
    expect(
      paths.some((p) => p.startsWith("nodes.side") || p.startsWith("nodes.reply") || p.startsWith("nodes.out")),
    ).toBe(false);
    expect(suggestions.find((s) => s.path === "nodes.classify.output.label")).toMatchObject({
      source: "Triage · Classifier",
      detail: '"billing"',
    });
  });

  it("falls back to the fields each node type returns when there is no run yet", () => {
    const paths = buildVariableSuggestions(graph, "out", null).map((s) => s.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "trigger.body",
        "trigger.headers",
        "nodes.reply.output.text",
        "nodes.classify.output.label",
      ]),
    );
    expect(paths.some((p) => p.startsWith("nodes.escalate"))).toBe(false);
  });

  it("filters by what was typed: prefixes first, then segment matches", () => {
    const suggestions = buildVariableSuggestions(graph, "reply", scope);
    expect(filterSuggestions(suggestions, "nodes.classify.output.l").map((s) => s.path)).toEqual([
      "nodes.classify.output.label",
    ]);
    const byName = filterSuggestions(suggestions, "amount").map((s) => s.path);
    expect(byName).toEqual(["trigger.body.amount", "nodes.hook.output.body.amount"]);
    expect(filterSuggestions(suggestions, "zzz")).toEqual([]);
  });
});
