import { describe, expect, it } from "vitest";
import { indexGraph, stepKey } from "./graph-index";
import { plan, type TJoinRule, type TStepView } from "./plan";
import type { TWorkflowGraph } from "../workflows/graph.shared";
import type { TNodeType } from "../workflows/graph.shared";

type TEdgeSpec = `${string}.${string}>${string}.${string}`;
function graph(nodes: Record<string, TNodeType>, edges: TEdgeSpec[]): TWorkflowGraph {
  return {
    nodes: Object.entries(nodes).map(([id, type]) => ({
      id,
      type,
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: {},
    })),
    edges: edges.map((spec, i) => {
      const [from, to] = spec.split(">") as [string, string];
      const [source, sourceHandle] = from.split(".") as [string, string];
      const [target, targetHandle] = to.split(".") as [string, string];
      return { id: `e${i}`, source, sourceHandle, target, targetHandle };
    }),
  };
}

const done = (handles = ["out"], output: unknown = null): TStepView => ({
  status: "SUCCEEDED",
  firedHandles: handles,
  output,
  waitKind: null,
});
const running: TStepView = { status: "RUNNING", firedHandles: [], output: null, waitKind: null };
const opts = (joins: Record<string, TJoinRule> = {}, concurrency = 2) => ({
  joinRule: (id: string) => joins[id] ?? { mode: "all" as const },
  loopConcurrency: () => concurrency,
});
const refs = (list: { nodeId: string; key: string }[]) => list.map((r) => stepKey(r.nodeId, r.key)).sort();

describe("plan", () => {
  const linear = indexGraph(
    graph({ t: "trigger.manual", a: "tool.transform", o: "control.output" }, ["t.out>a.in", "a.out>o.in"]),
  );

  it("starts with the trigger, then follows edges one step at a time", () => {
    expect(refs(plan(linear, new Map(), opts()).execute)).toEqual(["t@"]);
    const afterTrigger = new Map([[stepKey("t", ""), done()]]);
    expect(refs(plan(linear, afterTrigger, opts()).execute)).toEqual(["a@"]);
    const all = new Map([
      [stepKey("t", ""), done()],
      [stepKey("a", ""), done()],
      [stepKey("o", ""), done()],
    ]);
    expect(plan(linear, all, opts())).toMatchObject({ execute: [], outcome: "FINISHED" });
  });

  it("reports RUNNING while a step is in flight and WAITING while one waits", () => {
    const inFlight = new Map([
      [stepKey("t", ""), done()],
      [stepKey("a", ""), running],
    ]);
    expect(plan(linear, inFlight, opts())).toMatchObject({ execute: [], outcome: "RUNNING" });
    const waiting = new Map([
      [stepKey("t", ""), done()],
      [stepKey("a", ""), { ...running, status: "WAITING" as const, waitKind: "approval" }],
    ]);
    expect(plan(linear, waiting, opts()).outcome).toBe("WAITING");
  });

  it("takes only the branch whose handle fired and skips the other, transitively", () => {
    const g = indexGraph(
      graph(
        {
          t: "trigger.manual",
          c: "control.condition",
          yes: "tool.http",
          no: "tool.http",
          no2: "tool.transform",
          o: "control.output",
        },
        ["t.out>c.in", "c.true>yes.in", "c.false>no.in", "no.out>no2.in", "yes.out>o.in", "no2.out>o.in"],
      ),
    );
    const s = new Map([
      [stepKey("t", ""), done()],
      [stepKey("c", ""), done(["true"])],
    ]);
    const p = plan(g, s, opts());
    expect(refs(p.execute)).toEqual(["yes@"]);
    expect(refs(p.skip)).toEqual(["no2@", "no@"]);
    s.set(stepKey("yes", ""), done());
    for (const r of p.skip)
      s.set(stepKey(r.nodeId, r.key), { status: "SKIPPED", firedHandles: [], output: null, waitKind: null });
    expect(refs(plan(g, s, opts()).execute)).toEqual(["o@"]);
  });

  it("skips everything downstream when no branch fires, and finishes", () => {
    const g = indexGraph(
      graph({ t: "trigger.manual", c: "control.condition", a: "tool.http", o: "control.output" }, [
        "t.out>c.in",
        "c.true>a.in",
        "a.out>o.in",
      ]),
    );
    const p = plan(
      g,
      new Map([
        [stepKey("t", ""), done()],
        [stepKey("c", ""), done(["false"])],
      ]),
      opts(),
    );
    expect(refs(p.skip)).toEqual(["a@", "o@"]);
    expect(p.outcome).toBe("FINISHED");
  });

  describe("joins", () => {
    const g = indexGraph(
      graph(
        {
          t: "trigger.manual",
          p: "control.parallel",
          a: "tool.http",
          b: "tool.http",
          c: "tool.http",
          j: "control.join",
        },
        ["t.out>p.in", "p.out>a.in", "p.out>b.in", "p.out>c.in", "a.out>j.in", "b.out>j.in", "c.out>j.in"],
      ),
    );
    const base = () =>
      new Map([
        [stepKey("t", ""), done()],
        [stepKey("p", ""), done()],
      ]);

    it("fans out to every branch at once", () => {
      expect(refs(plan(g, base(), opts()).execute)).toEqual(["a@", "b@", "c@"]);
    });

    it("all: waits for every branch", () => {
      const s = base();
      s.set(stepKey("a", ""), done());
      s.set(stepKey("b", ""), done());
      s.set(stepKey("c", ""), running);
      expect(plan(g, s, opts()).execute).toEqual([]);
      s.set(stepKey("c", ""), done());
      expect(refs(plan(g, s, opts()).execute)).toEqual(["j@"]);
    });

    it("any: fires on the first branch", () => {
      const s = base();
      s.set(stepKey("a", ""), running);
      s.set(stepKey("b", ""), done());
      s.set(stepKey("c", ""), running);
      expect(refs(plan(g, s, opts({ j: { mode: "any" } })).execute)).toEqual(["j@"]);
    });

    it("n of m: fires at n, and is skipped when n can no longer be reached", () => {
      const s = base();
      s.set(stepKey("a", ""), done());
      s.set(stepKey("b", ""), running);
      s.set(stepKey("c", ""), running);
      expect(plan(g, s, opts({ j: { mode: "n_of_m", n: 2 } })).execute).toEqual([]);
      s.set(stepKey("b", ""), done());
      expect(refs(plan(g, s, opts({ j: { mode: "n_of_m", n: 2 } })).execute)).toEqual(["j@"]);
      const failed = base();
      failed.set(stepKey("a", ""), { status: "FAILED", firedHandles: [], output: null, waitKind: null });
      failed.set(stepKey("b", ""), { status: "SKIPPED", firedHandles: [], output: null, waitKind: null });
      failed.set(stepKey("c", ""), running);
      expect(refs(plan(g, failed, opts({ j: { mode: "n_of_m", n: 2 } })).skip)).toEqual(["j@"]);
    });
  });

  it("routes a failure over the error edge when the step fired it", () => {
    const g = indexGraph(
      graph({ t: "trigger.manual", h: "tool.http", ok: "control.output", bad: "tool.transform" }, [
        "t.out>h.in",
        "h.out>ok.in",
        "h.error>bad.in",
      ]),
    );
    const p = plan(
      g,
      new Map([
        [stepKey("t", ""), done()],
        [stepKey("h", ""), { status: "FAILED", firedHandles: ["error"], output: null, waitKind: null }],
      ]),
      opts(),
    );
    expect(refs(p.execute)).toEqual(["bad@"]);
    expect(refs(p.skip)).toEqual(["ok@"]);
  });

  describe("loops", () => {
    const g = indexGraph(
      graph({ t: "trigger.manual", l: "control.loop", a: "tool.transform", b: "tool.http", o: "control.output" }, [
        "t.out>l.in",
        "l.item>a.in",
        "a.out>b.in",
        "b.out>l.back",
        "l.done>o.in",
      ]),
    );
    const iterating = (count: number) =>
      new Map<string, TStepView>([
        [stepKey("t", ""), done()],
        [stepKey("l", ""), { status: "WAITING", firedHandles: [], output: { count }, waitKind: "loop" }],
      ]);

    it("admits iterations up to the concurrency cap and runs each body with its own key", () => {
      const s = iterating(5);
      expect(refs(plan(g, s, opts({}, 2)).execute)).toEqual(["a@0", "a@1"]);
      s.set(stepKey("a", "0"), done());
      s.set(stepKey("b", "0"), done(["out"], { n: 0 }));
      s.set(stepKey("a", "1"), done());
      expect(refs(plan(g, s, opts({}, 2)).execute)).toEqual(["a@2", "b@1"]);
    });

    it("completes the loop with per-item results in order, then continues from done", () => {
      const s = iterating(3);
      for (const i of [0, 1, 2]) {
        s.set(stepKey("a", String(i)), done());
        s.set(stepKey("b", String(i)), done(["out"], { n: i }));
      }
      const p = plan(g, s, opts());
      expect(p.completeLoops).toEqual([{ nodeId: "l", key: "", results: [{ n: 0 }, { n: 1 }, { n: 2 }] }]);
      expect(refs(p.execute)).toEqual(["o@"]);
    });

    it("an empty list completes at once", () => {
      const p = plan(g, iterating(0), opts());
      expect(p.completeLoops).toEqual([{ nodeId: "l", key: "", results: [] }]);
      expect(refs(p.execute)).toEqual(["o@"]);
    });
  });
});
