// Crash recovery with real worker processes (issue 10, defect 4): a worker killed mid-step is taken over within 10 s
// (its run lock names it, and its alive key lapses 4 s after its last heartbeat), and a worker whose event loop stood
// still while another took its run over writes nothing when it wakes up (run-lock.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub, type TStubReply } from "@/test/http-stub";
import { spawnWorker, type TWorkerProcess } from "@/test/worker-process";

let h: THarness;
let stub: THttpStub;
const workers: TWorkerProcess[] = [];
beforeAll(async () => {
  h = await startHarness("crashrecovery", { isEngineStarted: false });
  stub = await startHttpStub();
});
afterAll(async () => {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) process.kill(-w.child.pid!, "SIGCONT");
    await w.stop("SIGKILL").catch(() => undefined);
  }
  await stub.close();
  await h.close();
});

async function worker(): Promise<TWorkerProcess> {
  const w = await spawnWorker(h.t.url);
  workers.push(w);
  return w;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(25);
}

const chargeGraph = (path: string) =>
  graph(
    {
      t: { type: "trigger.manual" },
      charge: { type: "tool.http", config: { method: "POST", url: `${stub.url}${path}`, body: "{}" } },
      out: { type: "control.output", config: { value: "nodes.charge.output.body.n" } },
    },
    ["t>charge", "charge>out"],
  );

describe("engine: crash recovery (real worker processes)", () => {
  it("a worker killed with SIGKILL mid-step: another worker sends the step again within 10 s and finishes the run", async () => {
    stub.route("/charge", (_c, nth) => (nth === 1 ? "hang" : { json: { n: nth } }));
    const victim = await worker();
    const wf = await h.publish(chargeGraph("/charge"));
    const runId = await h.start(wf);
    await until(() => stub.callsTo("/charge").length === 1, 20_000);
    expect(stub.callsTo("/charge")).toHaveLength(1);
    // The survivor is up before the kill: what is measured is the engine noticing the death, not a start-up.
    await worker();

    const killedAt = Date.now();
    await victim.stop("SIGKILL");
    expect(await h.waitFor(runId, undefined, 60_000)).toMatchObject({ status: "SUCCEEDED", output: 2 });
    const calls = stub.callsTo("/charge");
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.headers["idempotency-key"])).toEqual([`${runId}:charge::1`, `${runId}:charge::1`]);
    // Stub-observed: the interrupted call went out again within 10 s of the kill.
    expect(calls[1]!.at - killedAt).toBeLessThan(10_000);
  }, 120_000);

  it("a worker whose event loop stood still (SIGSTOP) while another took its run over writes nothing when it resumes", async () => {
    for (const w of workers) await w.stop("SIGKILL");
    let answerStalled: (reply: TStubReply) => void = () => undefined;
    // 1st call: 500 (the run parks for the retry, so its steps are written); 2nd: the stalled worker's retry, answered
    // only after the other worker has finished the run; 3rd: that worker's sending of the same attempt again.
    stub.route("/stalled", (_c, nth) =>
      nth === 1 ? { status: 500, json: {} } : nth === 2 ? new Promise<TStubReply>((resolve) => (answerStalled = resolve)) : { json: { n: nth } },
    );
    const stalled = await worker();
    // The stalled pass's final write would only update rows that exist (no insert whose derived key could collide by
    // chance): it would go through unless something stops it.
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          charge: { type: "tool.http", config: { method: "POST", url: `${stub.url}/stalled`, body: "{}" }, settings: { retry: { maxAttempts: 3, backoffMs: 100, maxBackoffMs: 100, retryOn: "retryable" } } },
        },
        ["t>charge"],
      ),
    );
    const runId = await h.start(wf);
    await until(() => stub.callsTo("/stalled").length === 2, 20_000);
    expect(stub.callsTo("/stalled")).toHaveLength(2);
    await worker();

    // Stopped, not killed: its heartbeats stop, another worker takes the run over and finishes it.
    process.kill(-stalled.child.pid!, "SIGSTOP");
    expect(await h.waitFor(runId, undefined, 60_000)).toMatchObject({ status: "SUCCEEDED" });
    expect(stub.callsTo("/stalled").map((c) => c.headers["idempotency-key"])).toEqual([1, 2, 2].map((a) => `${runId}:charge::${a}`));
    expect((await h.steps(runId)).get("charge")).toMatchObject({ status: "SUCCEEDED", attempt: 2, output: expect.objectContaining({ body: { n: 3 } }) });
    const written = await h.t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { flushSeq: true, updatedAt: true } });

    // The stalled worker's call now gets its answer, and the worker goes on from where it stood: its pass completes
    // in memory (the step succeeded with n: 2) and tries to write the step and the run as finished.
    answerStalled({ json: { n: 2 } });
    process.kill(-stalled.child.pid!, "SIGCONT");
    await until(() => stalled.output().includes("without writing"), 15_000);

    expect(await h.t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { flushSeq: true, updatedAt: true } })).toEqual(written);
    expect((await h.steps(runId)).get("charge")).toMatchObject({ status: "SUCCEEDED", output: expect.objectContaining({ body: { n: 3 } }) });
    const finished = await h.t.db.auditEvent.count({ where: { resourceType: "run", resourceId: runId, action: "run.succeeded" } });
    expect(finished).toBe(1);
    expect(stalled.output()).toMatch(/run lock lost to another pass|stopped without writing/);
  }, 120_000);
});
