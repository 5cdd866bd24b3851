import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { spawnWorker, type TWorkerProcess } from "@/test/worker-process";
import { decideApproval } from "../approvals/decide-approval";

let h: THarness;
let stub: THttpStub;
const workers: TWorkerProcess[] = [];
beforeAll(async () => {
  h = await startHarness("restart", { isEngineStarted: false });
  stub = await startHttpStub();
});
afterAll(async () => {
  for (const w of workers) await w.stop("SIGKILL").catch(() => undefined);
  await stub.close();
  await h.close();
});

async function worker(): Promise<TWorkerProcess> {
  const w = await spawnWorker(h.t.url);
  workers.push(w);
  return w;
}

describe("engine: restarts and crashes (real worker processes)", () => {
  it("parks a run on an approval, and resumes it on the decision after the worker was restarted", async () => {
    const first = await worker();
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          ask: { type: "control.approval", config: { title: "Refund {{ trigger.body.amount }} EUR?", details: "trigger.body", slaHours: 24 } },
          yes: { type: "control.output", config: { value: "'refunded'" } },
          no: { type: "control.output", config: { value: "'declined'" } },
        },
        ["t>ask", "ask.approved>yes", "ask.rejected>no"],
      ),
    );
    const runId = await h.start(wf, { amount: 120 });
    await h.waitFor(runId, ["WAITING"], 20_000);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId } });
    expect(approval).toMatchObject({ status: "PENDING", title: "Refund 120 EUR?", details: { amount: 120 } });

    await first.stop("SIGTERM");
    await worker();
    await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "approved", comment: "ok" });
    expect(await h.waitFor(runId, undefined, 20_000)).toMatchObject({ status: "SUCCEEDED", output: "refunded" });
    expect((await h.steps(runId)).get("no")?.status).toBe("SKIPPED");
    await expect(decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "rejected" })).rejects.toThrow(/already decided/);
  }, 90_000);

  it("survives kill -9 with 50 runs in flight: all finish, and no completed call is made again", async () => {
    for (const w of workers) await w.stop("SIGTERM");
    stub.route("/charge", () => ({ json: { charged: true }, delayMs: 150 + Math.floor(Math.random() * 250) }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          charge: { type: "tool.http", config: { method: "POST", url: `${stub.url}/charge`, body: '{"n": {{ trigger.body.n }}}' } },
          after: { type: "tool.transform", config: { expression: "nodes.charge.output.body.charged" } },
          out: { type: "control.output", config: { value: "nodes.after.output" } },
        },
        ["t>charge", "charge>after", "after>out"],
      ),
      { concurrencyLimit: 100 },
    );
    const victim = await worker();
    const runIds = await Promise.all(Array.from({ length: 50 }, (_, n) => h.start(wf, { n })));
    for (let i = 0; i < 200 && stub.callsTo("/charge").length < 20; i++) await new Promise((r) => setTimeout(r, 25));
    await victim.stop("SIGKILL");
    const killedAt = Date.now();
    const doneAtKill = new Set(
      (await h.t.db.stepRun.findMany({ where: { runId: { in: runIds }, nodeId: "charge", status: "SUCCEEDED" }, select: { runId: true } })).map((s) => s.runId),
    );
    expect(doneAtKill.size).toBeLessThan(50);

    await worker();
    for (const runId of runIds) expect(await h.waitFor(runId, undefined, 60_000)).toMatchObject({ status: "SUCCEEDED", output: true });

    const calls = stub.callsTo("/charge");
    for (const runId of runIds) {
      const mine = calls.filter((c) => String(c.headers["idempotency-key"]).startsWith(`${runId}:charge:`));
      expect(mine.length).toBeGreaterThanOrEqual(1);
      // Every call of a run carries attempt 1: an interrupted call is repeated with the same key, never a new attempt.
      expect(new Set(mine.map((c) => c.headers["idempotency-key"]))).toEqual(new Set([`${runId}:charge::1`]));
      // A call whose success was recorded before the crash is never made again.
      if (doneAtKill.has(runId)) expect(mine.filter((c) => c.at > killedAt)).toHaveLength(0);
    }
  }, 120_000);
});
