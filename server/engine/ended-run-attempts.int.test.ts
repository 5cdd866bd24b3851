// A run that ends (cancelled or failed) leaves no step attempt open: an attempt a dead worker's in-flight flush wrote
// is closed when the run is cancelled before any pass took the step up again, and one the last failed pass's in-flight
// flush wrote is closed when that pass fails the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { spawnWorker } from "@/test/worker-process";
import { requestCancel } from "./run-commands";
import { runLockKey } from "./run-lock";
import { MAX_FAILED_PASSES } from "./failed-pass";

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("endedattempts");
  stub = await startHttpStub();
  h.engine!.deps.failedPassRetryMs = 100;
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const actor = () => ({ type: "user" as const, id: h.principal.id, label: h.principal.email });

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("attempts of an ended run", () => {
  it("a run cancelled after its worker died mid-call closes the attempt the dead worker left open, as cancelled", async () => {
    stub.route("/hang", () => "hang");
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          call: { type: "tool.http", config: { method: "POST", url: `${stub.url}/hang`, body: "{}" } },
          out: { type: "control.output", config: { value: "nodes.call.output.body" } },
        },
        ["t>call", "call>out"],
      ),
    );
    await h.stopEngine();
    const victim = await spawnWorker(h.t.url);
    let runId = "";
    try {
      runId = await h.start(wf);
      await until(() => stub.callsTo("/hang").length === 1, "the call of the doomed worker", 30_000);
      await until(async () => (await h.t.db.stepAttempt.count({ where: { runId, endedAt: null } })) === 1, "the open attempt");
    } finally {
      await victim.stop("SIGKILL");
      if (runId) await h.redis.del(runLockKey(runId));
    }
    // The cancel comes before any pass took the step up: the next pass cancels the run straight away.
    await requestCancel({ db: h.t.db, redis: h.redis }, runId, actor());
    await h.startEngine();
    expect((await h.waitFor(runId, undefined, 30_000)).status).toBe("CANCELLED");
    expect(await h.t.db.stepAttempt.findMany({ where: { runId }, select: { attempt: true, reason: true, endedAt: true } })).toEqual([
      { attempt: 1, reason: "cancelled", endedAt: expect.any(Date) },
    ]);
    expect((await h.steps(runId)).get("call")).toMatchObject({ status: "CANCELLED", errorCode: "CANCELLED" });
  }, 90_000);

  it("a run failed by its last failed pass closes the attempt that pass's in-flight flush wrote, as aborted by the pass", async () => {
    // Answers after the in-flight flush has written the call's start and open attempt; the step's end is then refused.
    stub.route("/slow-ok", () => ({ json: { ok: true }, delayMs: 800 }));
    await h.t.db.$executeRawUnsafe(`
      CREATE FUNCTION "test_fn_refuse_end"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."nodeId" = 'slowcall' AND NEW.status = 'SUCCEEDED' THEN RAISE EXCEPTION 'test: refused the end of slowcall'; END IF;
        RETURN NEW;
      END $$`);
    await h.t.db.$executeRawUnsafe(`CREATE TRIGGER "test_tr_refuse_end" BEFORE INSERT OR UPDATE ON "StepRun" FOR EACH ROW EXECUTE FUNCTION "test_fn_refuse_end"()`);
    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, slowcall: { type: "tool.http", config: { method: "POST", url: `${stub.url}/slow-ok`, body: "{}" } } },
        ["t>slowcall"],
      ),
    );
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, undefined, 40_000);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(new RegExp(`after ${MAX_FAILED_PASSES} passes in a row failed`));
    const attempts = await h.t.db.stepAttempt.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { reason: true, endedAt: true } });
    expect(attempts).toHaveLength(MAX_FAILED_PASSES);
    expect(attempts.filter((a) => a.endedAt === null)).toEqual([]);
    expect(attempts.at(-1)?.reason).toBe("aborted_pass");
  }, 60_000);
});
