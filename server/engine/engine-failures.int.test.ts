import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { requestCancel } from "./run-commands";

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("failures");
  stub = await startHttpStub();
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const httpNode = (path: string, extra: Record<string, unknown> = {}, settings?: Record<string, unknown>) => ({
  type: "tool.http" as const,
  config: { method: "POST", url: `${stub.url}${path}`, body: '{"order": "{{ trigger.body.order }}"}', ...extra },
  settings,
});

describe("engine: retries, timeouts, error edges, breakers, cancellation", () => {
  it("retries a failing call with backoff and succeeds, with one idempotency key per attempt", async () => {
    stub.route("/flaky", (_c, nth) => (nth < 3 ? { status: 503, json: { error: "busy" } } : { json: { accepted: true } }));
    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, call: httpNode("/flaky", {}, { retry: { maxAttempts: 3, backoffMs: 50, maxBackoffMs: 200 } }), out: { type: "control.output", config: { value: "nodes.call.output.body" } } },
        ["t>call", "call>out"],
      ),
    );
    const runId = await h.start(wf, { order: "A-1" });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: { accepted: true } });
    const calls = stub.callsTo("/flaky");
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.headers["idempotency-key"])).toEqual([1, 2, 3].map((a) => `${runId}:call::${a}`));
    expect(JSON.parse(calls[0]!.body)).toEqual({ order: "A-1" });
    expect((await h.steps(runId)).get("call")).toMatchObject({ status: "SUCCEEDED", attempt: 3 });
  });

  it("does not retry a 4xx and fails the run naming the node", async () => {
    stub.route("/bad", () => ({ status: 422, json: { error: "invalid order" } }));
    const wf = await h.publish(graph({ t: { type: "trigger.manual" }, call: httpNode("/bad", {}, { retry: { maxAttempts: 3, backoffMs: 10 } }) }, ["t>call"]));
    const run = await h.waitFor(await h.start(wf, { order: "B" }));
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/Node "call" failed/);
    expect(stub.callsTo("/bad")).toHaveLength(1);
  });

  it("stops a step at its timeout", async () => {
    stub.route("/slow", () => "hang");
    const wf = await h.publish(graph({ t: { type: "trigger.manual" }, call: httpNode("/slow", {}, { timeoutMs: 300 }) }, ["t>call"]));
    const started = Date.now();
    const run = await h.waitFor(await h.start(wf, { order: "C" }));
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/300 ms|timed out|took longer/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("routes a failure over the error edge and the run goes on", async () => {
    stub.route("/down", () => ({ status: 500, json: {} }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          call: httpNode("/down", {}, { onError: "route" }),
          ok: { type: "control.output", config: { value: "'ok'" } },
          fallback: { type: "control.output", config: { value: "'fallback: ' & nodes.call.output.error.code" } },
        },
        ["t>call", "call>ok", "call.error>fallback"],
      ),
    );
    const runId = await h.start(wf, { order: "D" });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: "fallback: HTTP_5XX" });
    const steps = await h.steps(runId);
    expect(steps.get("call")?.status).toBe("FAILED");
    expect(steps.get("ok")?.status).toBe("SKIPPED");
  });

  it("continues on error when told to", async () => {
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, call: httpNode("/down", {}, { onError: "continue" }), out: { type: "control.output", config: { value: "nodes.call.output.error.code" } } }, [
        "t>call",
        "call>out",
      ]),
    );
    expect(await h.waitFor(await h.start(wf, { order: "E" }))).toMatchObject({ status: "SUCCEEDED", output: "HTTP_5XX" });
  });

  it("cancels a run while a call is in flight, aborting it", async () => {
    // Its own stub (own port, own circuit breaker): the failures above opened the first stub's.
    const own = await startHttpStub();
    own.route("/forever", () => "hang");
    const wf = await h.publish(graph({ t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "POST", url: `${own.url}/forever` } } }, ["t>call"]));
    const runId = await h.start(wf, { order: "F" });
    for (let i = 0; i < 100 && own.callsTo("/forever").length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await requestCancel({ db: h.t.db, redis: h.redis }, runId, { type: "user", id: h.principal.id, label: h.principal.email });
    expect(await h.waitFor(runId, ["CANCELLED"], 15_000)).toMatchObject({ status: "CANCELLED" });
    expect((await h.steps(runId)).get("call")?.status).toBe("CANCELLED");
    await own.close();
  });
  it("opens the host's circuit after repeated failures and then fails fast without calling", async () => {
    const breakerStub = await startHttpStub();
    breakerStub.route("/x", () => ({ status: 503, json: {} }));
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "GET", url: `${breakerStub.url}/x` } } }, ["t>call"]),
    );
    for (let i = 0; i < 6; i++) await h.waitFor(await h.start(wf));
    const callsWhenOpen = breakerStub.calls.length;
    expect(callsWhenOpen).toBeLessThanOrEqual(5);
    const run = await h.waitFor(await h.start(wf));
    expect(run.error).toMatch(/circuit|temporarily/i);
    expect(breakerStub.calls.length).toBe(callsWhenOpen);
    await breakerStub.close();
  });

});
