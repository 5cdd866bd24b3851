// Resuming after an emergency stop wakes every run that has something to do, at once (issue 10, defect 3): wake-ups
// that came during the stop (a decision, a timer, a new run) were dropped by the stopped workers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import type { RunStatus } from "../db/generated/enums";
import { decideApproval } from "../approvals/decide-approval";
import { emergencyStop, requestCancel, resumeEngine } from "./run-commands";
import { reconcileRuns } from "./reconciler";

let h: THarness;
let stub: THttpStub;
// The reconciler would also wake these runs, but only after a minute here: whatever happens within seconds of the
// resume is the resume's doing. (Its default is every 10 s, and a decided run only once it has been still for 15 s.)
const RECONCILE_EVERY_MS = 60_000;

beforeAll(async () => {
  h = await startHarness("resumewakes", { isEngineStarted: false });
  await h.startEngine({ reconcileEveryMs: RECONCILE_EVERY_MS });
  stub = await startHttpStub();
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const actor = { type: "user" as const, id: "u1", label: "org@test.local" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("engine: resume after an emergency stop", () => {
  it("wakes at once a run whose approval was decided during the stop, one whose delay ended, a queued one and an interrupted one", async () => {
    const deps = { db: h.t.db, redis: h.redis };
    const approvalWf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          ask: { type: "control.approval", config: { title: "Go?", slaHours: 24 } },
          yes: { type: "control.output", config: { value: "'approved'" } },
          no: { type: "control.output", config: { value: "'rejected'" } },
        },
        ["t>ask", "ask.approved>yes", "ask.rejected>no"],
      ),
    );
    const delayWf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, wait: { type: "control.delay", config: { mode: "duration", durationMs: 1500 } }, out: { type: "control.output", config: { value: "'woke up'" } } },
        ["t>wait", "wait>out"],
      ),
    );
    let held = 0;
    stub.route("/held", () => (++held === 1 ? "hang" : { json: { done: true } }));
    const httpWf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "POST", url: `${stub.url}/held`, body: "{}" } }, out: { type: "control.output", config: { value: "nodes.call.output.body.done" } } },
        ["t>call", "call>out"],
      ),
    );

    const approvalRun = await h.start(approvalWf);
    const delayRun = await h.start(delayWf);
    const runningRun = await h.start(httpWf);
    await h.waitFor(approvalRun, ["WAITING"]);
    await h.waitFor(delayRun, ["WAITING"]);
    for (let i = 0; i < 250 && held === 0; i++) await sleep(20);
    expect(held).toBe(1);

    await emergencyStop(deps, actor, "test");
    for (let i = 0; i < 250 && !h.engine!.deps.isEmergencyStopped(); i++) await sleep(20);
    expect(h.engine!.deps.isEmergencyStopped()).toBe(true);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId: approvalRun } });
    await decideApproval(deps, h.principal, approval.id, { decision: "approved" });
    const queuedRun = await h.start(approvalWf);
    // The decision's and the new run's wake-ups and the delay's timer all reach the stopped worker and are dropped.
    const delayStep = await h.t.db.stepRun.findFirstOrThrow({ where: { runId: delayRun, nodeId: "wait" } });
    await sleep(Math.max(1000, delayStep.waitUntil!.getTime() + 500 - Date.now()));
    const during = await h.t.db.run.findMany({ where: { id: { in: [approvalRun, delayRun, runningRun, queuedRun] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(during.map((r) => [r.id, r.status]))).toEqual({ [approvalRun]: "WAITING", [delayRun]: "WAITING", [runningRun]: "RUNNING", [queuedRun]: "QUEUED" });

    const resumedAt = Date.now();
    const { resumed } = await resumeEngine(deps, actor);
    const ends = await Promise.all(
      [approvalRun, delayRun, runningRun, queuedRun].map(async (id) => {
        const ended: RunStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];
        const run = await h.waitFor(id, id === queuedRun ? [...ended, "WAITING"] : ended, 5000);
        return { id, status: run.status, output: run.output, afterMs: Date.now() - resumedAt };
      }),
    );
    expect(ends.map((e) => [e.status, e.output])).toEqual([
      ["SUCCEEDED", "approved"],
      ["SUCCEEDED", "woke up"],
      ["SUCCEEDED", true],
      // The run started during the stop went on to its approval.
      ["WAITING", null],
    ]);
    for (const e of ends) expect(e.afterMs).toBeLessThan(2000);
    expect(resumed).toBeGreaterThanOrEqual(4);
    expect(h.engine!.deps.isEmergencyStopped()).toBe(false);
  }, 60_000);

  it("cancels at once a waiting run whose cancel was requested during the stop", async () => {
    const deps = { db: h.t.db, redis: h.redis };
    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, ask: { type: "control.approval", config: { title: "Cancel me?", slaHours: 24 } }, out: { type: "control.output", config: { value: "'no'" } } },
        ["t>ask", "ask.approved>out"],
      ),
    );
    const runId = await h.start(wf);
    await h.waitFor(runId, ["WAITING"]);
    await emergencyStop(deps, actor, "test");
    for (let i = 0; i < 250 && !h.engine!.deps.isEmergencyStopped(); i++) await sleep(20);
    expect(h.engine!.deps.isEmergencyStopped()).toBe(true);
    await requestCancel(deps, runId, actor);
    // The cancel's wake-up reaches the stopped worker and is dropped.
    await sleep(500);
    expect((await h.t.db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("WAITING");
    // The reconciler, too, wakes such a run once it has been still for its threshold (0 here instead of 15 s); the
    // stopped worker drops that wake-up as well.
    expect((await reconcileRuns(deps, 0)).requeued).toContain(runId);

    const resumedAt = Date.now();
    await resumeEngine(deps, actor);
    expect((await h.waitFor(runId, ["SUCCEEDED", "FAILED", "CANCELLED"], 5000)).status).toBe("CANCELLED");
    expect(Date.now() - resumedAt).toBeLessThan(2000);
  }, 30_000);
});
