import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub, type TStubCall } from "@/test/http-stub";
import { createCircuitBreaker, hostBreakerKey, type TBreakerState } from "@/server/net/circuit-breaker";
import { enqueueRun } from "@/server/queue/run-queue";
import { clearBreakerSettingsCache } from "@/server/net/breaker-settings";

// Issue 10, defect 1: three parallel "agents", one of which answers 500 twice per run and then 200, with 4 retries.
// The failures of concurrent runs open that host's shared circuit breaker; a retry that meets the open circuit waits
// for it instead of spending its attempts, so every run succeeds and the flaky agent sees exactly 3 calls per run.

let h: THarness;
let steady: THttpStub;
let flaky: THttpStub;
let other: THttpStub;

beforeAll(async () => {
  h = await startHarness("circuitwait");
  [steady, flaky, other] = await Promise.all([startHttpStub(), startHttpStub(), startHttpStub()]);
});
afterAll(async () => {
  await Promise.all([steady.close(), flaky.close(), other.close()]);
  await h.close();
});

const runOf = (call: TStubCall) => String(call.headers["idempotency-key"]).split(":")[0]!;
const portOf = (stub: THttpStub) => new URL(stub.url).port;
const retrying = { retry: { maxAttempts: 5, backoffMs: 100, maxBackoffMs: 200, retryOn: "retryable" as const } };

function agents() {
  const agent = (stub: THttpStub, path: string) => ({ type: "tool.http" as const, config: { method: "POST", url: `${stub.url}${path}`, body: "{}" }, settings: retrying });
  return graph(
    {
      t: { type: "trigger.manual" },
      research: agent(steady, "/research"),
      draft: agent(flaky, "/draft"),
      review: agent(other, "/review"),
      out: { type: "control.output", config: { value: "[nodes.research.output.status, nodes.draft.output.status, nodes.review.output.status]" } },
    },
    ["t>research", "t>draft", "t>review", "research>out", "draft>out", "review>out"],
  );
}

/** Records every state the flaky host's breaker is seen in while `work` runs. */
async function watchBreaker<T>(key: string, work: () => Promise<T>): Promise<{ result: T; states: Set<TBreakerState> }> {
  const breaker = createCircuitBreaker(h.redis);
  const states = new Set<TBreakerState>();
  let isDone = false;
  const watching = (async () => {
    while (!isDone) {
      states.add((await breaker.getState(key)).state);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    return { result: await work(), states };
  } finally {
    isDone = true;
    await watching;
  }
}

describe("retries meet an open circuit breaker", () => {
  it("ten runs against an agent failing twice per run all succeed, with exactly 3 calls per run", async () => {
    const flakyKey = hostBreakerKey("127.0.0.1", portOf(flaky));
    // A short cool-down for this host only (Settings → Engine), so the test takes seconds; thresholds as by default.
    await h.t.db.systemSetting.create({
      data: {
        key: "engine.breakers",
        value: {
          defaults: { failureThreshold: 5, windowMs: 60_000, coolDownMs: 30_000, failureRate: null },
          overrides: [{ key: flakyKey, failureThreshold: 5, windowMs: 60_000, coolDownMs: 300, failureRate: null }],
        },
      },
    });
    const perRun = new Map<string, number>();
    flaky.route("/draft", (call) => {
      const n = (perRun.get(runOf(call)) ?? 0) + 1;
      perRun.set(runOf(call), n);
      return n <= 2 ? { status: 500, json: { error: "overloaded" } } : { json: { draft: "ok" } };
    });
    const wf = await h.publish(agents());

    const { result: runIds, states } = await watchBreaker(flakyKey, async () => {
      const batch = await Promise.all([1, 2, 3, 4, 5].map(() => h.start(wf)));
      const batchRuns = await Promise.all(batch.map((id) => h.waitFor(id, undefined, 60_000)));
      const one: { status: string; error: string | null }[] = [];
      const single: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await h.start(wf);
        single.push(id);
        one.push(await h.waitFor(id, undefined, 60_000));
      }
      expect([...batchRuns, ...one].map((r) => [r.status, r.error])).toEqual(Array(10).fill(["SUCCEEDED", null]));
      return [...batch, ...single];
    });

    // The failures of the concurrent runs did open the circuit: the runs succeeded by waiting for it.
    expect(states.has("open")).toBe(true);
    for (const runId of runIds) {
      const calls = flaky.callsTo("/draft").filter((c) => runOf(c) === runId);
      // Exactly 3 calls, attempts 1, 2, 3: waiting for the circuit used up no attempt.
      expect(calls.map((c) => c.headers["idempotency-key"])).toEqual([1, 2, 3].map((a) => `${runId}:draft::${a}`));
      expect((await h.steps(runId)).get("draft")).toMatchObject({ status: "SUCCEEDED", attempt: 3 });
    }
    expect(steady.callsTo("/research")).toHaveLength(10);
    expect(other.callsTo("/review")).toHaveLength(10);
  }, 180_000);

  it("steps waking together for one probe: one probes, the others wait again, and none uses up an attempt", async () => {
    const slow = await startHttpStub();
    const key = hostBreakerKey("127.0.0.1", portOf(slow));
    // The probe takes 400 ms: every other step that wakes meanwhile is refused (half-open) and told to re-check soon.
    slow.route("/x", () => ({ json: { ok: true }, delayMs: 400 }));
    await h.t.db.systemSetting.update({
      where: { key: "engine.breakers" },
      data: {
        value: {
          defaults: { failureThreshold: 5, windowMs: 60_000, coolDownMs: 30_000, failureRate: null },
          overrides: [{ key, failureThreshold: 5, windowMs: 60_000, coolDownMs: 300, failureRate: null }],
        },
      },
    });
    clearBreakerSettingsCache(h.t.db);
    const breaker = createCircuitBreaker(h.redis);
    for (let i = 0; i < 5; i++) await breaker.recordFailure(key, { coolDownMs: 300 });
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "GET", url: `${slow.url}/x` }, settings: { retry: { maxAttempts: 2, backoffMs: 100, maxBackoffMs: 100, retryOn: "retryable" } } } }, ["t>call"]),
    );
    const runIds = await Promise.all([1, 2, 3, 4, 5, 6].map(() => h.start(wf)));
    const runs = await Promise.all(runIds.map((id) => h.waitFor(id, undefined, 30_000)));
    expect(runs.map((r) => r.status)).toEqual(Array(6).fill("SUCCEEDED"));
    // One call per run, each its attempt 1; the first was the probe, alone until it answered.
    expect(slow.calls.map(runOf).sort()).toEqual([...runIds].sort());
    expect(slow.calls.map((c) => String(c.headers["idempotency-key"]).endsWith(":call::1"))).toEqual(Array(6).fill(true));
    const [probe, ...rest] = [...slow.calls].sort((a, b) => a.at - b.at);
    for (const call of rest) expect(call.at).toBeGreaterThanOrEqual(probe!.at + 400);
    await slow.close();
  });

  it("with the default thresholds, a step whose deadline ends before the circuit reopens fails saying so, without a call", async () => {
    const down = await startHttpStub();
    const key = hostBreakerKey("127.0.0.1", portOf(down));
    // No override for this host: today's defaults (5 failures in 60 s open it for 30 s).
    const breaker = createCircuitBreaker(h.redis);
    for (let i = 0; i < 4; i++) await breaker.recordFailure(key);
    expect((await breaker.getState(key)).state).toBe("closed");
    await breaker.recordFailure(key);
    const opened = await breaker.getState(key);
    expect(opened.state).toBe("open");
    expect(opened.nextProbeAt!.getTime() - opened.openedAt!.getTime()).toBe(30_000);

    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "GET", url: `${down.url}/x` }, settings: { retry: { maxAttempts: 3, backoffMs: 100, maxBackoffMs: 100, retryOn: "retryable", deadlineMs: 2000 } } } },
        ["t>call"],
      ),
    );
    const runId = await h.start(wf);
    const run = await h.waitFor(runId);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(new RegExp(`^Node "call" failed: Gave up waiting for host 127\\.0\\.0\\.1:${portOf(down)} to recover: its circuit breaker lets the next call through at \\d\\d:\\d\\d:\\d\\d UTC, after the step's retry deadline of 2 s from its first attempt`));
    expect((await h.steps(runId)).get("call")).toMatchObject({ status: "FAILED", attempt: 1 });
    expect(down.calls).toHaveLength(0);
    await down.close();
  });

  it("a step waiting for the circuit says so (PENDING, CIRCUIT_OPEN, until when) and keeps its attempt", async () => {
    const down = await startHttpStub();
    const key = hostBreakerKey("127.0.0.1", portOf(down));
    const breaker = createCircuitBreaker(h.redis);
    for (let i = 0; i < 5; i++) await breaker.recordFailure(key);
    const { nextProbeAt } = await breaker.getState(key);
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "GET", url: `${down.url}/x` }, settings: retrying } }, ["t>call"]),
    );
    const runId = await h.start(wf);
    await h.waitFor(runId, ["WAITING"]);
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "call" } });
    expect(step).toMatchObject({ status: "PENDING", waitKind: "circuit", errorCode: "CIRCUIT_OPEN", attempt: 1 });
    expect(step.waitUntil!.getTime()).toBeGreaterThanOrEqual(nextProbeAt!.getTime());
    expect(step.error).toBe(`Waiting for host 127.0.0.1:${portOf(down)} to recover until ${step.waitUntil!.toISOString().slice(11, 19)} UTC`);
    // Closed by hand (Settings → Engine): the step tries when its timer fires, still as attempt 1.
    await breaker.resetBreaker(key);
    await h.t.db.stepRun.update({ where: { id: step.id }, data: { waitUntil: new Date() } });
    await enqueueRun(runId, "timer");
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED" });
    expect(down.calls.map((c) => c.headers["idempotency-key"])).toEqual([`${runId}:call::1`]);
    await down.close();
  });

  it("a step that goes on after its circuit wait no longer carries the wait's label while its call is in flight", async () => {
    const slow = await startHttpStub();
    // Answers after a while: long enough to read the step while its call is in flight.
    slow.route("/x", () => ({ json: { ok: true }, delayMs: 3000 }));
    const key = hostBreakerKey("127.0.0.1", portOf(slow));
    const breaker = createCircuitBreaker(h.redis);
    for (let i = 0; i < 5; i++) await breaker.recordFailure(key);
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "GET", url: `${slow.url}/x` }, settings: retrying } }, ["t>call"]),
    );
    const runId = await h.start(wf);
    await h.waitFor(runId, ["WAITING"]);
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "call" } });
    expect(step).toMatchObject({ status: "PENDING", waitKind: "circuit", errorCode: "CIRCUIT_OPEN" });
    await breaker.resetBreaker(key);
    await h.t.db.stepRun.update({ where: { id: step.id }, data: { waitUntil: new Date() } });
    await enqueueRun(runId, "timer");
    // The pass writes the step's start before it waits on the side effect in flight.
    const deadline = Date.now() + 15_000;
    let running = await h.t.db.stepRun.findUniqueOrThrow({ where: { id: step.id } });
    while ((running.status !== "RUNNING" || slow.calls.length === 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      running = await h.t.db.stepRun.findUniqueOrThrow({ where: { id: step.id } });
    }
    expect(running).toMatchObject({ status: "RUNNING", attempt: 1, waitKind: null, error: null, errorCode: null });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED" });
    await slow.close();
  });
});
