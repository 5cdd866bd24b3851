import { describe, expect, it } from "vitest";
import type { TWorkflowGraph, TWorkflowNode } from "@/server/workflows/graph.shared";
import { validateGraph } from "@/server/workflows/validate-graph.shared";
import { layoutGraph } from "./auto-layout";
import { checkConnection } from "./check-connection";
import { copySelection, pasteClipboard, parseClipboard } from "./clipboard";
import { createNode, nextNodeId } from "./create-node";
import { portsOf } from "./node-ports";

function node(id: string, type: TWorkflowNode["type"], config: Record<string, unknown> = {}): TWorkflowNode {
  const made = createNode(type, { x: 0, y: 0 }, new Set());
  return { ...made, id, config: { ...made.config, ...config } };
}

const edge = (source: string, target: string, sourceHandle = "out", targetHandle = "in") => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

// manual → llm → condition(true) → http → output
function pipeline(): TWorkflowGraph {
  return {
    nodes: [
      node("manual", "trigger.manual"),
      node("llm", "ai.llm"),
      node("condition", "control.condition", { condition: "nodes.llm.output.text = 'yes'" }),
      node("http", "tool.http", { url: "https://api.example.com/x" }),
      node("output", "control.output"),
    ],
    edges: [edge("manual", "llm"), edge("llm", "condition"), edge("condition", "http", "true"), edge("http", "output")],
  };
}

describe("new nodes", () => {
  it("names nodes after their type and picks the first free id", () => {
    expect(nextNodeId("ai.llm", new Set())).toBe("llm");
    expect(nextNodeId("ai.llm", new Set(["llm", "llm_2"]))).toBe("llm_3");
  });

  it("starts from the definition's defaults, which the validator accepts as a node", () => {
    const llm = createNode("ai.llm", { x: 10.4, y: 20.6 }, new Set(["llm"]));
    expect(llm).toMatchObject({ id: "llm_2", type: "ai.llm", typeVersion: 1, position: { x: 10, y: 21 } });
    expect(llm.config.prompt).toBe("{{ trigger.body.text }}");
  });

  it("shows a switch's outputs from its cases, and falls back to the defaults while a case is half typed", () => {
    const sw = node("sw", "control.switch");
    const ids = portsOf(sw).outputs.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(portsOf({ ...sw, config: { cases: "not a list" } }).outputs.length).toBeGreaterThan(0);
    expect(portsOf({ ...node("h", "tool.http"), settings: { onError: "route" } }).outputs.map((p) => p.id)).toEqual(["out", "error"]);
  });
});

describe("connections while dragging", () => {
  it("accepts a forward connection and resolves single ports", () => {
    const graph = pipeline();
    graph.nodes.push(node("notify", "tool.http", { url: "https://hooks.example.com" }));
    expect(checkConnection(graph, { source: "condition", sourceHandle: "false", target: "notify", targetHandle: null })).toEqual({
      isValid: true,
      sourceHandle: "false",
      targetHandle: "in",
    });
  });

  it("refuses a cycle and names its nodes", () => {
    const check = checkConnection(pipeline(), { source: "http", sourceHandle: "out", target: "llm", targetHandle: "in" });
    expect(check).toEqual({ isValid: false, reason: expect.stringContaining("cycle (llm → condition → http → llm)") });
  });

  it("refuses connections into a trigger, to itself, to missing ports and duplicates", () => {
    const graph = pipeline();
    expect(checkConnection(graph, { source: "llm", sourceHandle: "out", target: "manual", targetHandle: null })).toMatchObject({ isValid: false, reason: expect.stringContaining("trigger") });
    expect(checkConnection(graph, { source: "llm", sourceHandle: "out", target: "llm", targetHandle: "in" })).toMatchObject({ isValid: false });
    expect(checkConnection(graph, { source: "condition", sourceHandle: "maybe", target: "output", targetHandle: "in" })).toMatchObject({ isValid: false, reason: expect.stringContaining("no such output") });
    expect(checkConnection(graph, { source: "llm", sourceHandle: "out", target: "condition", targetHandle: "in" })).toMatchObject({ isValid: false, reason: expect.stringContaining("already connected") });
  });

  it("lets the end of a loop body connect back to the loop", () => {
    const graph: TWorkflowGraph = {
      nodes: [node("manual", "trigger.manual"), node("loop", "control.loop"), node("each", "tool.transform")],
      edges: [edge("manual", "loop"), edge("loop", "each", "item")],
    };
    expect(checkConnection(graph, { source: "each", sourceHandle: "out", target: "loop", targetHandle: "back" })).toMatchObject({ isValid: true });
    expect(checkConnection(graph, { source: "each", sourceHandle: "out", target: "loop", targetHandle: "in" })).toMatchObject({ isValid: false });
  });
});

describe("copy and paste", () => {
  it("pastes with fresh ids, moves references along, keeps inner connections and leaves out a second trigger", () => {
    const graph = pipeline();
    const clip = copySelection(graph, new Set(["manual", "llm", "condition"]));
    expect(clip).not.toBeNull();
    const roundTripped = parseClipboard(JSON.stringify(clip));
    expect(roundTripped).not.toBeNull();
    const result = pasteClipboard(graph, roundTripped!, { x: 40, y: 40 });
    expect(result.skippedTriggers).toBe(1);
    expect(result.pastedIds).toEqual(["llm_2", "condition_2"]);
    const pasted = result.graph.nodes.find((n) => n.id === "condition_2")!;
    expect(pasted.config.condition).toBe("nodes.llm_2.output.text = 'yes'");
    expect(result.graph.edges.filter((e) => e.source === "llm_2")).toEqual([
      expect.objectContaining({ target: "condition_2", sourceHandle: "out", targetHandle: "in" }),
    ]);
    expect(validateGraph(result.graph).problems.filter((p) => p.code === "duplicate_node_id" || p.code === "duplicate_edge_id")).toEqual([]);
    expect(parseClipboard("not json")).toBeNull();
    expect(parseClipboard(JSON.stringify({ format: "other" }))).toBeNull();
  });

  it("renames references only where the validator reads them: not in string literals, `$nodes`, template text or other fields", () => {
    const graph: TWorkflowGraph = {
      nodes: [
        node("manual", "trigger.manual"),
        node("llm", "ai.llm", { prompt: "Summarise nodes.llm for me: {{ nodes.llm.output.text & ' (nodes.llm)' }}" }),
        node("condition", "control.condition", {
          condition: "nodes . llm.output.text = 'nodes.llm' and $nodes.llm = x.nodes.llm /* nodes.llm */",
        }),
        node("http", "tool.http", {
          url: "https://example.com/nodes.llm/{{ nodes.llm.output.text }}",
          headers: { "X-Id": "{{nodes.llm.id}}", "X.Dotted": "{{ nodes.llm.output.text }}", "X-Plain": "nodes.llm" },
        }),
      ],
      edges: [edge("manual", "llm"), edge("llm", "condition"), edge("condition", "http", "true")],
    };
    const result = pasteClipboard(graph, copySelection(graph, new Set(["llm", "condition", "http"]))!, { x: 0, y: 0 });
    const config = (id: string) => result.graph.nodes.find((n) => n.id === id)!.config;
    expect(config("llm_2").prompt).toBe("Summarise nodes.llm for me: {{ nodes.llm_2.output.text & ' (nodes.llm)' }}");
    expect(config("condition_2").condition).toBe(
      "nodes . llm_2.output.text = 'nodes.llm' and $nodes.llm = x.nodes.llm /* nodes.llm */",
    );
    expect(config("http_2")).toMatchObject({
      url: "https://example.com/nodes.llm/{{ nodes.llm_2.output.text }}",
      headers: { "X-Id": "{{nodes.llm_2.id}}", "X.Dotted": "{{ nodes.llm_2.output.text }}", "X-Plain": "nodes.llm" },
    });
    // The originals are untouched.
    expect(graph.nodes.find((n) => n.id === "http")!.config.headers).toMatchObject({ "X-Id": "{{nodes.llm.id}}" });
  });
});

describe("auto-layout", () => {
  it("lays nodes out left to right along their connections without overlaps", () => {
    const laid = layoutGraph(pipeline());
    const x = new Map(laid.nodes.map((n) => [n.id, n.position.x]));
    expect(x.get("manual")!).toBeLessThan(x.get("llm")!);
    expect(x.get("llm")!).toBeLessThan(x.get("condition")!);
    expect(x.get("http")!).toBeLessThan(x.get("output")!);
    const spots = new Set(laid.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(laid.nodes.length);
  });
});
