import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { verifyAuditChain } from "../audit/verify";

let h: THarness;
beforeAll(async () => {
  h = await startHarness("flow");
});
afterAll(async () => h.close());

describe("engine: control flow", () => {
  it("runs a linear workflow and sets the run's result", async () => {
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          double: { type: "tool.transform", config: { expression: "trigger.body.n * 2" } },
          out: { type: "control.output", config: { value: "{ 'result': nodes.double.output }" } },
        },
        ["t>double", "double>out"],
      ),
    );
    const runId = await h.start(wf, { n: 21 });
    const run = await h.waitFor(runId);
    expect(run).toMatchObject({ status: "SUCCEEDED", output: { result: 42 } });
    const steps = await h.steps(runId);
    expect([...steps.values()].map((s) => s.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    expect(steps.get("double")?.attempt).toBe(1);
  });

  it("takes one branch of a condition and skips the other", async () => {
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          c: { type: "control.condition", config: { condition: "trigger.body.amount > 100" } },
          high: { type: "tool.transform", config: { expression: "'review'" } },
          low: { type: "tool.transform", config: { expression: "'auto-clear'" } },
          out: { type: "control.output", config: { value: "nodes.high.output ? nodes.high.output : nodes.low.output" } },
        },
        ["t>c", "c.true>high", "c.false>low", "high>out", "low>out"],
      ),
    );
    const big = await h.waitFor(await h.start(wf, { amount: 500 }));
    const small = await h.waitFor(await h.start(wf, { amount: 5 }));
    expect(big.output).toBe("review");
    expect(small.output).toBe("auto-clear");
  });

  it("runs parallel branches and joins them", async () => {
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          p: { type: "control.parallel", config: { branches: 3 } },
          a: { type: "tool.transform", config: { expression: "1" } },
          b: { type: "tool.transform", config: { expression: "2" } },
          c: { type: "tool.transform", config: { expression: "3" } },
          j: { type: "control.join", config: { mode: "all" } },
          out: { type: "control.output", config: { value: "$sum([nodes.j.output.a, nodes.j.output.b, nodes.j.output.c])" } },
        },
        ["t>p", "p.branch_1>a", "p.branch_2>b", "p.branch_3>c", "a>j", "b>j", "c>j", "j>out"],
      ),
    );
    expect(await h.waitFor(await h.start(wf))).toMatchObject({ status: "SUCCEEDED", output: 6 });
  });

  it("loops over items with per-item outputs, in order", async () => {
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          l: { type: "control.loop", config: { items: "trigger.body.words", concurrency: 2 } },
          up: { type: "tool.transform", config: { expression: "$uppercase(item) & '#' & $string(index)" } },
          out: { type: "control.output", config: { value: "nodes.l.output.results" } },
        },
        ["t>l", "l.item>up", "up>l.back", "l.done>out"],
      ),
    );
    const runId = await h.start(wf, { words: ["a", "b", "c", "d", "e"] });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: ["A#0", "B#1", "C#2", "D#3", "E#4"] });
    const steps = await h.steps(runId);
    expect(steps.get("up@4")?.status).toBe("SUCCEEDED");
  });

  it("fails the run with a message naming the node when an expression breaks", async () => {
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, bad: { type: "tool.transform", config: { expression: "$number('abc') + " } }, out: { type: "control.output", config: { value: "1" } } }, [
        "t>bad",
        "bad>out",
      ]),
    );
    const run = await h.waitFor(await h.start(wf));
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/^Node "bad", field "expression": expression "\$number\('abc'\) \+" could not be parsed: /);
    expect(run.error?.match(/Node "bad"/g)).toHaveLength(1);
  });

  it("calls a published sub-workflow and waits for its result", async () => {
    const child = await h.publish(
      graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "trigger.body.x + 1" } } }, ["t>out"]),
      { name: "child" },
    );
    const parent = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          sub: { type: "control.subworkflow", config: { workflowId: child, input: "{ 'x': trigger.body.x }" } },
          out: { type: "control.output", config: { value: "nodes.sub.output * 10" } },
        },
        ["t>sub", "sub>out"],
      ),
    );
    const runId = await h.start(parent, { x: 4 });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: 50 });
    const childRun = await h.t.db.run.findFirstOrThrow({ where: { parentRunId: runId } });
    expect(childRun).toMatchObject({ status: "SUCCEEDED", output: 5, triggerType: "subworkflow" });
  });

  it("waits for a delay without holding the run and resumes when it is due", async () => {
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, d: { type: "control.delay", config: { mode: "duration", durationMs: 600 } }, out: { type: "control.output", config: { value: "'done'" } } }, [
        "t>d",
        "d>out",
      ]),
    );
    const started = Date.now();
    const runId = await h.start(wf);
    await h.waitFor(runId, ["WAITING"]);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: "done" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it("keeps the audit chain intact through all of it", async () => {
    const result = await verifyAuditChain(h.t.db);
    expect(result.isIntact).toBe(true);
    expect(await h.t.db.auditEvent.count({ where: { action: "run.succeeded" } })).toBeGreaterThanOrEqual(7);
  });
});
