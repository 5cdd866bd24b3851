// A retry's backoff runs on its own timer inside the pass: a branch that failed retries on time although its siblings
// are still in flight (issue 10, defect 2), and a run with nothing else in flight still parks for its retry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { requestCancel } from "./run-commands";

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("retrytimers");
  stub = await startHttpStub();
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const http = (path: string, settings?: Record<string, unknown>) => ({
  type: "tool.http" as const,
  config: { method: "POST", url: `${stub.url}${path}`, body: "{}" },
  settings,
});

const callsOf = (path: string, runId: string) => stub.callsTo(path).filter((c) => String(c.headers["idempotency-key"]).startsWith(`${runId}:`));

describe("engine: retry timers while siblings are in flight", () => {
  it("a branch that fails once retries after its 100 ms backoff, not when its 2 s siblings end", async () => {
    stub.route("/slow", () => ({ json: { slow: true }, delayMs: 2000 }));
    stub.route("/flaky", (call) => (callsOf("/flaky", String(call.headers["idempotency-key"]).split(":")[0]!).length === 1 ? { status: 500, json: { error: "boom" } } : { json: { flaky: true } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          p: { type: "control.parallel", config: { branches: 3 } },
          a: http("/slow"),
          b: http("/slow"),
          c: http("/flaky", { retry: { maxAttempts: 3, backoffMs: 100, maxBackoffMs: 100 } }),
          j: { type: "control.join", config: { mode: "all" } },
          out: { type: "control.output", config: { value: "nodes.c.output.body.flaky" } },
        },
        ["t>p", "p.branch_1>a", "p.branch_2>b", "p.branch_3>c", "a>j", "b>j", "c>j", "j>out"],
      ),
    );
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: true });

    const flaky = callsOf("/flaky", runId);
    expect(flaky.map((c) => c.headers["idempotency-key"])).toEqual([`${runId}:c::1`, `${runId}:c::2`]);
    // Stub-observed: the first call answered 500 at once; its retry (backoff at most 100 ms) must follow within
    // 300 ms, while both 2 s siblings are still in flight.
    const gap = flaky[1]!.at - flaky[0]!.at;
    expect(gap).toBeLessThan(300);
    const slowStarts = callsOf("/slow", runId).map((c) => c.at);
    expect(slowStarts).toHaveLength(2);
    expect(flaky[1]!.at).toBeLessThan(Math.min(...slowStarts) + 2000);
    expect((await h.steps(runId)).get("c")).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
  }, 30_000);

  it("a short delay on one branch ends on time while its sibling's 2 s call is in flight", async () => {
    stub.route("/slow", () => ({ json: { slow: true }, delayMs: 2000 }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          p: { type: "control.parallel", config: { branches: 2 } },
          a: http("/slow"),
          d: { type: "control.delay", config: { mode: "duration", durationMs: 100 } },
          after: http("/after-delay"),
          j: { type: "control.join", config: { mode: "all" } },
        },
        ["t>p", "p.branch_1>a", "p.branch_2>d", "d>after", "a>j", "after>j"],
      ),
    );
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED" });
    const [slow] = callsOf("/slow", runId);
    const [after] = callsOf("/after-delay", runId);
    expect(after!.at - slow!.at).toBeLessThan(1000);
    expect((await h.steps(runId)).get("d")).toMatchObject({ status: "SUCCEEDED", attempt: 1 });
  }, 30_000);

  it("a retry whose siblings end first parks the run and is woken by its timer", async () => {
    stub.route("/quick", () => ({ json: { quick: true } }));
    stub.route("/later", (call) => (callsOf("/later", String(call.headers["idempotency-key"]).split(":")[0]!).length === 1 ? { status: 503, json: {} } : { json: { later: true } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          p: { type: "control.parallel", config: { branches: 2 } },
          a: http("/quick"),
          c: http("/later", { retry: { maxAttempts: 2, backoffMs: 1500, maxBackoffMs: 1500 } }),
          j: { type: "control.join", config: { mode: "all" } },
          out: { type: "control.output", config: { value: "nodes.c.output.body.later" } },
        },
        ["t>p", "p.branch_1>a", "p.branch_2>c", "a>j", "c>j", "j>out"],
      ),
    );
    const runId = await h.start(wf);
    // Nothing else in flight: the pass ends and the run waits (750–1500 ms: half jitter) for its timer job.
    await h.waitFor(runId, ["WAITING"]);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: true });
    const later = callsOf("/later", runId);
    expect(later).toHaveLength(2);
    expect(later[1]!.at - later[0]!.at).toBeGreaterThanOrEqual(700);
    expect((await h.steps(runId)).get("c")).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
  }, 30_000);

  it("a retry already due when the last step in flight ends is taken up in the same pass: the run never parks", async () => {
    stub.route("/again", (call) => (callsOf("/again", String(call.headers["idempotency-key"]).split(":")[0]!).length === 1 ? { status: 503, json: {} } : { json: { again: true } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          c: http("/again", { retry: { maxAttempts: 2, backoffMs: 0, maxBackoffMs: 0 } }),
          out: { type: "control.output", config: { value: "nodes.c.output.body.again" } },
        },
        ["t>c", "c>out"],
      ),
    );
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: true });
    expect(callsOf("/again", runId)).toHaveLength(2);
    // Parking would have made the run WAITING (audited) and cost a pass of its own.
    expect(await h.t.db.auditEvent.count({ where: { resourceId: runId, action: "run.waiting" } })).toBe(0);
  });

  it("a cancel while a retry's timer is pending in the pass ends the run and the retry never goes out", async () => {
    stub.route("/hang", () => "hang");
    stub.route("/fails", () => ({ status: 500, json: {} }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          p: { type: "control.parallel", config: { branches: 2 } },
          a: http("/hang"),
          c: http("/fails", { retry: { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 1000 } }),
        },
        ["t>p", "p.branch_1>a", "p.branch_2>c"],
      ),
    );
    const runId = await h.start(wf);
    for (let i = 0; i < 100 && callsOf("/fails", runId).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await requestCancel({ db: h.t.db, redis: h.redis }, runId, { type: "user", id: "u", label: "ann" });
    expect(await h.waitFor(runId)).toMatchObject({ status: "CANCELLED" });
    await new Promise((r) => setTimeout(r, 1200));
    expect(callsOf("/fails", runId)).toHaveLength(1);
    expect((await h.steps(runId)).get("c")).toMatchObject({ status: "CANCELLED" });
  }, 30_000);
});
