import { describe, expect, it } from "vitest";
import { graph } from "@/test/engine-harness";
import { indexGraph } from "./graph-index";
import { rerunNodes, rerunStart, stepsToReuse, type TStepOrigin } from "./rerun-from-node";

const steps = (...specs: string[]): TStepOrigin[] =>
  specs.map((spec) => {
    // "node@key:STATUS" (key and status optional: "" and SUCCEEDED)
    const [ref, status = "SUCCEEDED"] = spec.split(":") as [string, string?];
    const [nodeId, iterationKey = ""] = ref.split("@") as [string, string?];
    return { id: `${nodeId}@${iterationKey}`, nodeId, iterationKey, status };
  });
const ids = (list: TStepOrigin[]) => list.map((s) => s.id).sort();

const branches = indexGraph(
  graph(
    {
      t: { type: "trigger.manual" },
      p: { type: "control.parallel", config: { branches: 2 } },
      a1: { type: "tool.http" },
      a2: { type: "tool.transform" },
      b1: { type: "tool.http" },
      b2: { type: "tool.transform" },
      j: { type: "control.join" },
      out: { type: "control.output" },
    },
    ["t>p", "p.branch_1>a1", "a1>a2", "p.branch_2>b1", "b1>b2", "a2>j", "b2>j", "j>out"],
  ),
);

const nested = indexGraph(
  graph(
    {
      t: { type: "trigger.manual" },
      seed: { type: "tool.http" },
      outer: { type: "control.loop" },
      inner: { type: "control.loop" },
      x: { type: "tool.http" },
      after: { type: "tool.transform" },
      out: { type: "control.output" },
    },
    ["t>seed", "seed>outer", "outer.item>inner", "inner.item>x", "x>inner.back", "inner.done>after", "after>outer.back", "outer.done>out"],
  ),
);

describe("re-run from a node", () => {
  it("re-runs the node and everything downstream, reusing the succeeded steps of other branches", () => {
    expect([...rerunNodes(branches, "a1")].sort()).toEqual(["a1", "a2", "j", "out"]);
    const original = steps("t", "p", "a1:FAILED", "b1", "b2:CANCELLED");
    expect(ids(stepsToReuse(branches, original, "a1"))).toEqual(["b1@", "p@", "t@"]);
    // Re-running from an upstream node re-runs it even though it succeeded.
    expect(ids(stepsToReuse(branches, original, "p"))).toEqual(["t@"]);
    expect(ids(stepsToReuse(branches, original, "t"))).toEqual([]);
  });

  it("re-runs the outermost loop entirely when the node is inside a loop body", () => {
    expect(rerunStart(nested, "x")).toBe("outer");
    expect(rerunStart(nested, "after")).toBe("outer");
    expect(rerunStart(nested, "out")).toBe("out");
    const original = steps("t", "seed", "outer:CANCELLED", "inner@0", "x@0.0", "x@0.1", "after@0", "inner@1:CANCELLED", "x@1.0:FAILED");
    expect(ids(stepsToReuse(nested, original, "x"))).toEqual(["seed@", "t@"]);
  });

  it("reuses a finished loop with its iterations when the failure came after it, but never iterations of a loop that re-runs", () => {
    const finished = steps("t", "seed", "outer", "inner@0", "x@0.0", "after@0", "out:FAILED");
    expect(ids(stepsToReuse(nested, finished, "out"))).toEqual(["after@0", "inner@0", "outer@", "seed@", "t@", "x@0.0"]);
    // Iterations whose loop step did not succeed are dropped with it, even when the loop itself is not re-run from here.
    const orphaned = steps("t", "seed", "outer:CANCELLED", "inner@0", "x@0.0");
    expect(ids(stepsToReuse(nested, orphaned, "out"))).toEqual(["seed@", "t@"]);
  });

  it("ignores steps of nodes the version does not have", () => {
    expect(ids(stepsToReuse(branches, steps("t", "ghost"), "out"))).toEqual(["t@"]);
  });
});
