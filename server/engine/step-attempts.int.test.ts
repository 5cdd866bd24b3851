// Every attempt of a step on the record (issue 10, defect 6) and the engine's order of a run's steps (defect 7): a
// flaky upstream's failures, a call interrupted by an emergency stop or by a worker's death and sent again, and a
// circuit breaker's refusal each leave an attempt row; steps carry the sequence the engine created them in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { spawnWorker } from "@/test/worker-process";
import { enqueueRun } from "../queue/run-queue";
import { getRun } from "../runs/get-run";
import { allSteps } from "../runs/run-detail.shared";
import { emergencyStop, resumeEngine } from "./run-commands";
import { runLockKey } from "./run-lock";

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("attempts");
  stub = await startHttpStub();
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const actor = () => ({ type: "user" as const, id: h.principal.id, label: h.principal.email });

async function attemptsOf(runId: string, nodeId: string) {
  return h.t.db.stepAttempt.findMany({
    where: { runId, stepRun: { nodeId } },
    orderBy: { seq: "asc" },
    select: { kind: true, attempt: true, reason: true, errorCode: true, error: true, idempotencyKey: true, startedAt: true, endedAt: true, retryAt: true },
  });
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const callGraph = (url: string, settings?: Record<string, unknown>) =>
  graph(
    {
      t: { type: "trigger.manual" },
      call: { type: "tool.http", config: { method: "POST", url, body: '{"n": 1}' }, settings },
      out: { type: "control.output", config: { value: "nodes.call.output.body" } },
    },
    ["t>call", "call>out"],
  );

describe("step attempts", () => {
  it("records each try of a flaky upstream (500, 500, 200): outcome, error, backoff and the key each call carried", async () => {
    stub.route("/flaky", (_c, nth) => (nth <= 2 ? { status: 500, json: { error: "boom" } } : { json: { ok: 3 } }));
    const wf = await h.publish(callGraph(`${stub.url}/flaky`, { retry: { maxAttempts: 4, backoffMs: 50, maxBackoffMs: 100 } }));
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: { ok: 3 } });

    const sent = stub.callsTo("/flaky").map((c) => c.headers["idempotency-key"]);
    expect(sent).toEqual([1, 2, 3].map((n) => `${runId}:call::${n}`));
    const attempts = await attemptsOf(runId, "call");
    expect(attempts.map(({ kind, attempt, reason, errorCode, idempotencyKey }) => ({ kind, attempt, reason, errorCode, idempotencyKey }))).toEqual([
      { kind: "call", attempt: 1, reason: "failed", errorCode: "HTTP_5XX", idempotencyKey: sent[0] },
      { kind: "call", attempt: 2, reason: "failed", errorCode: "HTTP_5XX", idempotencyKey: sent[1] },
      { kind: "call", attempt: 3, reason: "answered", errorCode: null, idempotencyKey: sent[2] },
    ]);
    expect(attempts[0]!.error).toMatch(/500/);
    // A failed attempt says when the next one was due; the next one started no earlier.
    for (const [i, a] of attempts.entries()) {
      expect(a.endedAt!.getTime()).toBeGreaterThanOrEqual(a.startedAt.getTime());
      if (i < 2) expect(attempts[i + 1]!.startedAt.getTime()).toBeGreaterThanOrEqual(a.retryAt!.getTime());
    }
    expect(attempts[2]!.retryAt).toBeNull();
    // A first call that simply answered needs no row of its own (the step's row holds it); the page shows it all the same.
    expect(await attemptsOf(runId, "t")).toEqual([]);
    const detail = await getRun(h.t.db, h.principal, runId);
    const steps = new Map(allSteps(detail.steps).map((s) => [s.nodeId, s]));
    expect(steps.get("out")?.attempts).toEqual([
      expect.objectContaining({ attempt: 1, reason: "answered", idempotencyKey: `${runId}:out::1`, endedAt: expect.any(String) }),
    ]);
    expect(steps.get("call")?.attempts.map((a) => [a.attempt, a.reason])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "answered"],
    ]);
  });

  it("an emergency stop closes the call in flight as aborted by stop; on resume the same attempt is sent again and answers", async () => {
    const own = await startHttpStub();
    let isHanging = true;
    own.route("/slow", () => (isHanging ? "hang" : { json: { ok: "after resume" } }));
    const wf = await h.publish(callGraph(`${own.url}/slow`));
    const runId = await h.start(wf);
    await until(() => own.callsTo("/slow").length === 1, "the first call");

    await emergencyStop({ db: h.t.db, redis: h.redis }, actor(), "attempts test");
    try {
      await until(async () => (await attemptsOf(runId, "call"))[0]?.reason === "aborted_stop", "the stopped attempt");
      expect((await h.steps(runId)).get("call")?.status).toBe("RUNNING");
      // What the run page shows while the engine is stopped.
      const stopped = await getRun(h.t.db, h.principal, runId);
      expect(stopped.engineStop).toMatchObject({ isStopped: true, reason: "attempts test", changedBy: h.principal.email });
      expect(allSteps(stopped.steps).find((s) => s.nodeId === "call")).toMatchObject({ status: "RUNNING", isInterruptedByStop: true });
    } finally {
      isHanging = false;
      await resumeEngine({ db: h.t.db, redis: h.redis }, actor());
    }
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: { ok: "after resume" } });
    const key = `${runId}:call::1`;
    expect(own.callsTo("/slow").map((c) => c.headers["idempotency-key"])).toEqual([key, key]);
    expect((await attemptsOf(runId, "call")).map(({ attempt, reason, idempotencyKey }) => ({ attempt, reason, idempotencyKey }))).toEqual([
      { attempt: 1, reason: "aborted_stop", idempotencyKey: key },
      { attempt: 1, reason: "answered", idempotencyKey: key },
    ]);
    const after = await getRun(h.t.db, h.principal, runId);
    expect(after.engineStop).toBeNull();
    expect(allSteps(after.steps).find((s) => s.nodeId === "call")).toMatchObject({ status: "SUCCEEDED", isInterruptedByStop: false });
    await own.close();
  });

  it("a worker killed mid-call leaves its attempt open; the pass that takes the step up closes it as aborted by crash", async () => {
    const own = await startHttpStub();
    let isHanging = true;
    own.route("/charge", () => (isHanging ? "hang" : { json: { charged: true } }));
    const wf = await h.publish(callGraph(`${own.url}/charge`));
    await h.stopEngine();
    const victim = await spawnWorker(h.t.url);
    let runId = "";
    try {
      runId = await h.start(wf);
      await until(() => own.callsTo("/charge").length === 1, "the call of the doomed worker", 30_000);
      // The open attempt reaches Postgres before the pass waits on a side effect in flight.
      await until(async () => (await attemptsOf(runId, "call")).length === 1, "the open attempt");
      await victim.stop("SIGKILL");
    } finally {
      await victim.stop("SIGKILL");
      isHanging = false;
      // What the dead worker's lock expiring and the reconciler do, without waiting for them.
      if (runId) await h.redis.del(runLockKey(runId));
      await h.startEngine();
    }
    expect(await attemptsOf(runId, "call")).toEqual([expect.objectContaining({ attempt: 1, reason: null, endedAt: null })]);
    await enqueueRun(runId, "test");
    expect(await h.waitFor(runId, undefined, 30_000)).toMatchObject({ status: "SUCCEEDED", output: { charged: true } });
    const key = `${runId}:call::1`;
    expect(own.callsTo("/charge").map((c) => c.headers["idempotency-key"])).toEqual([key, key]);
    const attempts = await attemptsOf(runId, "call");
    expect(attempts.map(({ attempt, reason, idempotencyKey }) => ({ attempt, reason, idempotencyKey }))).toEqual([
      { attempt: 1, reason: "aborted_crash", idempotencyKey: key },
      { attempt: 1, reason: "answered", idempotencyKey: key },
    ]);
    expect(attempts[0]!.endedAt!.getTime()).toBeLessThanOrEqual(attempts[1]!.startedAt.getTime());
    await own.close();
  }, 90_000);

  it("a call refused by an open circuit breaker is an attempt entry of its own: circuit open, no call made", async () => {
    const own = await startHttpStub();
    own.route("/down", () => ({ status: 503, json: {} }));
    const wf = await h.publish(callGraph(`${own.url}/down`));
    // Five failures within 60 s on this host and port open its circuit (DEFAULT_BREAKER_OPTIONS).
    for (let i = 0; i < 5; i++) await h.waitFor(await h.start(wf));
    expect(own.calls).toHaveLength(5);
    const runId = await h.start(wf);
    expect((await h.waitFor(runId)).status).toBe("FAILED");
    expect(own.calls).toHaveLength(5);
    const attempts = await attemptsOf(runId, "call");
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ kind: "circuit", reason: "circuit_open", errorCode: "CIRCUIT_OPEN", idempotencyKey: null });
    expect(attempts[0]!.error).toMatch(/circuit breaker open/);
    await own.close();
  });

  it("attempts are deleted with their run", async () => {
    stub.route("/twice", (_c, nth) => (nth === 1 ? { status: 500, json: {} } : { json: { ok: true } }));
    const wf = await h.publish(callGraph(`${stub.url}/twice`, { retry: { maxAttempts: 2, backoffMs: 10 } }));
    const runId = await h.start(wf);
    expect((await h.waitFor(runId)).status).toBe("SUCCEEDED");
    expect(await h.t.db.stepAttempt.count({ where: { runId } })).toBe(2);
    await h.t.db.run.delete({ where: { id: runId } });
    expect(await h.t.db.stepAttempt.count({ where: { runId } })).toBe(0);
  });
});

describe("step sequence", () => {
  it("numbers steps in the order the engine created them: trigger first, a Parallel node before its branches", async () => {
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          fan: { type: "control.parallel", config: { branches: 2 } },
          a: { type: "tool.transform", config: { expression: "'a'" } },
          b: { type: "tool.transform", config: { expression: "'b'" } },
          join: { type: "control.join", config: { mode: "all" } },
          out: { type: "control.output", config: { value: "nodes.a.output & nodes.b.output" } },
        },
        ["t>fan", "fan.branch_1>a", "fan.branch_2>b", "a>join", "b>join", "join>out"],
      ),
    );
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: "ab" });
    const rows = await h.t.db.stepRun.findMany({ where: { runId }, select: { nodeId: true, seq: true } });
    const seq = new Map(rows.map((r) => [r.nodeId, r.seq]));
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
    expect(seq.get("t")).toBe(1);
    expect(seq.get("t")!).toBeLessThan(seq.get("fan")!);
    for (const branch of ["a", "b"]) {
      expect(seq.get("fan")!).toBeLessThan(seq.get(branch)!);
      expect(seq.get(branch)!).toBeLessThan(seq.get("join")!);
    }
    expect(seq.get("join")!).toBeLessThan(seq.get("out")!);
    // The run page lists them in that order, whatever their timestamps (equal ones were broken by random ids).
    const detail = await getRun(h.t.db, h.principal, runId);
    const order = detail.steps.map((s) => s.nodeId);
    expect(order.indexOf("t")).toBe(0);
    expect(order.indexOf("fan")).toBeLessThan(Math.min(order.indexOf("a"), order.indexOf("b")));
    expect(order.at(-1)).toBe("out");
  });

  it("continues from the largest sequence when a later pass creates steps", async () => {
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          wait: { type: "control.delay", config: { mode: "duration", durationMs: 200 } },
          out: { type: "control.output", config: { value: "'done'" } },
        },
        ["t>wait", "wait>out"],
      ),
    );
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED" });
    const rows = await h.t.db.stepRun.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { nodeId: true, seq: true } });
    expect(rows).toEqual([
      { nodeId: "t", seq: 1 },
      { nodeId: "wait", seq: 2 },
      { nodeId: "out", seq: 3 },
    ]);
    // The delay waited between two passes: its attempts say so (asked to wait, then answered).
    expect((await attemptsOf(runId, "wait")).map((a) => a.reason)).toEqual(["waiting", "answered"]);
  });
});
