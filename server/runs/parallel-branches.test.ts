import { describe, expect, it } from "vitest";
import { graph } from "@/test/engine-harness";
import { indexGraph } from "../engine/graph-index";
import { branchesOf } from "./parallel-branches";

describe("branchesOf", () => {
  it("assigns the nodes of each branch up to the Join, the nearest Parallel node winning, merges to none", () => {
    const index = indexGraph(
      graph(
        {
          t: { type: "trigger.manual" },
          fan: { type: "control.parallel", config: { branches: 3 } },
          a: { type: "tool.transform", config: { expression: "1" } },
          a2: { type: "tool.transform", config: { expression: "1" } },
          inner: { type: "control.parallel", config: { branches: 2 } },
          x: { type: "tool.transform", config: { expression: "1" } },
          y: { type: "tool.transform", config: { expression: "1" } },
          c: { type: "tool.transform", config: { expression: "1" } },
          join: { type: "control.join", config: { mode: "all" } },
          out: { type: "control.output", config: { value: "1" } },
        },
        ["t>fan", "fan.branch_1>a", "a>a2", "a2>join", "fan.branch_2>inner", "inner.branch_1>x", "inner.branch_2>y", "x>join", "y>join", "fan.branch_3>c", "c>join", "join>out"],
      ),
    );
    const of = branchesOf(index);
    expect(of.get("a")).toEqual({ parallelNodeId: "fan", handle: "branch_1" });
    expect(of.get("a2")).toEqual({ parallelNodeId: "fan", handle: "branch_1" });
    expect(of.get("inner")).toEqual({ parallelNodeId: "fan", handle: "branch_2" });
    expect(of.get("x")).toEqual({ parallelNodeId: "inner", handle: "branch_1" });
    expect(of.get("y")).toEqual({ parallelNodeId: "inner", handle: "branch_2" });
    expect(of.get("c")).toEqual({ parallelNodeId: "fan", handle: "branch_3" });
    for (const id of ["t", "fan", "join", "out"]) expect(of.has(id)).toBe(false);
  });

  it("a node both branches reach without a Join belongs to neither", () => {
    const of = branchesOf(
      indexGraph(
        graph(
          {
            t: { type: "trigger.manual" },
            fan: { type: "control.parallel", config: { branches: 2 } },
            a: { type: "tool.transform", config: { expression: "1" } },
            b: { type: "tool.transform", config: { expression: "1" } },
            m: { type: "tool.transform", config: { expression: "1" } },
          },
          ["t>fan", "fan.branch_1>a", "fan.branch_2>b", "a>m", "b>m"],
        ),
      ),
    );
    expect(of.get("a")?.handle).toBe("branch_1");
    expect(of.has("m")).toBe(false);
  });
});
