import { describe, expect, it } from "vitest";
import { indexGraph, stepKey } from "../engine/graph-index";
import type { TWorkflowGraph, TWorkflowNode } from "../workflows/graph.shared";
import { deriveStepInput, type TInputRow } from "./derive-step-input";

const node = (id: string, type: TWorkflowNode["type"]): TWorkflowNode => ({ id, type, typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
const edge = (source: string, sourceHandle: string, target: string, targetHandle = "in") => ({ id: `${source}-${sourceHandle}-${target}-${targetHandle}`, source, sourceHandle, target, targetHandle });

// manual → check ─true→ notify ─→ join ← fallback ←false─ check ; manual → loop ─item→ each ─→ loop.back
const graph: TWorkflowGraph = {
  nodes: [node("manual", "trigger.manual"), node("check", "control.condition"), node("notify", "tool.http"), node("fallback", "tool.transform"), node("join", "control.join"), node("loop", "control.loop"), node("each", "tool.transform")],
  edges: [edge("manual", "out", "check"), edge("check", "true", "notify"), edge("check", "false", "fallback"), edge("notify", "out", "join"), edge("fallback", "out", "join"), edge("manual", "out", "loop"), edge("loop", "item", "each"), edge("each", "out", "loop", "back")],
};

const row = (nodeId: string, output: unknown, firedHandles: string[], iterationKey = "", status = "SUCCEEDED"): TInputRow => ({ nodeId, iterationKey, status, output, firedHandles });

describe("a step's input", () => {
  const rows = new Map<string, TInputRow>(
    [
      row("manual", { body: { amount: 5 } }, ["out"]),
      row("check", { result: true }, ["true"]),
      row("notify", { status: 200 }, ["out"]),
      row("fallback", null, [], "", "SKIPPED"),
      row("loop", { items: ["a", "b"] }, []),
      row("each", "B!", ["out"], "1"),
    ].map((r) => [stepKey(r.nodeId, r.iterationKey), r]),
  );
  const index = indexGraph(graph);
  const input = (nodeId: string, key = "") => deriveStepInput(index, rows, rows.get(stepKey(nodeId, key)) ?? row(nodeId, null, [], key), { body: { amount: 5 } });

  it("is the run's input for the trigger and the upstream output over a single connection", () => {
    expect(input("manual")).toEqual({ body: { amount: 5 } });
    expect(input("check")).toEqual({ body: { amount: 5 } });
    expect(input("notify")).toEqual({ result: true });
  });

  it("keeps only the connections that fired, keyed by node when several did", () => {
    expect(input("join")).toEqual({ status: 200 });
    const both = new Map(rows);
    both.set(stepKey("fallback", ""), row("fallback", { note: "x" }, ["out"]));
    expect(deriveStepInput(index, both, row("join", null, []), null)).toEqual({ notify: { status: 200 }, fallback: { note: "x" } });
  });

  it("gives a loop body's first node its item", () => {
    expect(input("each", "1")).toEqual({ item: "b", index: 1 });
  });
});
