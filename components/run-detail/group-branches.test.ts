import { describe, expect, it } from "vitest";
import { makeRunStep } from "@/components/builder/panels/make-run-step.fixture";
import { groupBranches } from "./group-branches";

describe("groupBranches", () => {
  it("puts each branch's steps under their Parallel step, by branch, nested Parallel nodes included", () => {
    const steps = [
      makeRunStep({ nodeId: "t", nodeType: "trigger.manual" }),
      makeRunStep({ nodeId: "fan", nodeType: "control.parallel" }),
      makeRunStep({ nodeId: "b", branch: { parallelNodeId: "fan", handle: "branch_2" } }),
      makeRunStep({ nodeId: "a", branch: { parallelNodeId: "fan", handle: "branch_1" } }),
      makeRunStep({ nodeId: "inner", nodeType: "control.parallel", branch: { parallelNodeId: "fan", handle: "branch_1" } }),
      makeRunStep({ nodeId: "x", branch: { parallelNodeId: "inner", handle: "branch_1" } }),
      makeRunStep({ nodeId: "join", nodeType: "control.join" }),
    ];
    const trees = groupBranches(steps);
    expect(trees.map((t) => t.step.nodeId)).toEqual(["t", "fan", "join"]);
    const fan = trees[1]!;
    expect(fan.branches.map((c) => [c.label, c.steps.map((s) => s.step.nodeId)])).toEqual([
      ["Branch 1", ["a", "inner"]],
      ["Branch 2", ["b"]],
    ]);
    expect(fan.branches[0]!.steps[1]!.branches[0]!.steps.map((s) => s.step.nodeId)).toEqual(["x"]);
  });

  it("leaves a branch step at the top when its Parallel step is not in the list", () => {
    const trees = groupBranches([makeRunStep({ nodeId: "a", branch: { parallelNodeId: "fan", handle: "branch_1" } })]);
    expect(trees.map((t) => t.step.nodeId)).toEqual(["a"]);
  });
});
