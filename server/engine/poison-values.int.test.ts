// Values PostgreSQL cannot store (NUL, lone surrogates) and passes that keep failing: a run always ends, a side effect
// is not repeated under a new key, and what happened is visible on the run and the step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { MAX_FAILED_PASSES } from "./failed-pass";

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("poison");
  stub = await startHttpStub();
  // Failed passes are retried after a backoff; keep it short here.
  h.engine!.deps.failedPassRetryMs = 100;
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const ended = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;

const codeWorkflow = (code: string) =>
  h.publish(
    graph(
      { t: { type: "trigger.manual" }, c: { type: "tool.code", config: { code } }, out: { type: "control.output", config: { value: "nodes.c.output.result" } } },
      ["t>c", "c>out"],
    ),
  );

describe("values that PostgreSQL cannot store", () => {
  it("stores a Code node's NUL and lone surrogate with U+FFFD and says so on the step", async () => {
    const wf = await codeWorkflow('return { s: "a\\u0000b", t: "x\\ud800y", ok: "fine 😀" };');
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 10_000);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.output).toEqual({ s: "a\uFFFDb", t: "x\uFFFDy", ok: "fine 😀" });
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "c" } });
    expect(step.status).toBe("SUCCEEDED");
    expect(step.errorCode).toBe("VALUE_REPLACED");
    expect(step.error).toContain("output.result.s");
    expect(step.error).toContain("output.result.t");
  });

  it("makes a lone surrogate or NUL in an object key storable", async () => {
    const wf = await codeWorkflow('return { "\\ud800": 1, "k\\u0000": 2 };');
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 10_000);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.output).toEqual({ "\uFFFD": 1, "k\uFFFD": 2 });
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "c" } });
    expect(step.errorCode).toBe("VALUE_REPLACED");
  });

  it("sends an HTTP step whose response holds NUL exactly once, and the run ends", async () => {
    stub.route("/nul", () => ({ json: { s: "a\u0000b" } }));
    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "POST", url: `${stub.url}/nul`, body: "{}" } } },
        ["t>call"],
      ),
    );
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 10_000);
    expect(run.status).toBe("SUCCEEDED");
    await new Promise((r) => setTimeout(r, 1500));
    expect(stub.callsTo("/nul")).toHaveLength(1);
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "call" } });
    expect((step.output as { body: unknown }).body).toEqual({ s: "a\uFFFDb" });
    expect(step.error).toContain("output.body.s");
  });
});

describe("passes that keep failing", () => {
  // A statement that fails the way a poison value did: the flush that records the HTTP step's success is refused.
  // (A sequence counts the refusals: nextval is not rolled back with the refused transaction.)
  async function refuseSucceeded(nodeId: string, times: number | null) {
    await h.t.db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_refusals (node text PRIMARY KEY, times int)`);
    await h.t.db.$executeRawUnsafe(`INSERT INTO test_refusals VALUES ($1, $2)`, nodeId, times ?? 1_000_000);
    await h.t.db.$executeRawUnsafe(`CREATE SEQUENCE "test_refused_${nodeId}"`);
    await h.t.db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'SUCCEEDED' AND EXISTS (SELECT 1 FROM test_refusals WHERE node = NEW."nodeId") THEN
          IF nextval(format('%I', 'test_refused_' || NEW."nodeId")::regclass) <= (SELECT times FROM test_refusals WHERE node = NEW."nodeId") THEN
            RAISE EXCEPTION 'test: refused to record %', NEW."nodeId";
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await h.t.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse ON "StepRun"`);
    await h.t.db.$executeRawUnsafe(`CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON "StepRun" FOR EACH ROW EXECUTE FUNCTION test_refuse()`);
  }

  const httpWorkflow = (path: string, node: string) =>
    h.publish(
      graph(
        { t: { type: "trigger.manual" }, [node]: { type: "tool.http", config: { method: "POST", url: `${stub.url}${path}`, body: "{}" } } },
        [`t>${node}`],
      ),
    );

  it(`fails the run after ${MAX_FAILED_PASSES} failed passes in a row, on the run and on the step, with one key for every send`, async () => {
    await refuseSucceeded("always", null);
    const wf = await httpWorkflow("/always", "always");
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 20_000);
    expect(run.status).toBe("FAILED");
    expect(run.error).toContain(`${MAX_FAILED_PASSES} passes in a row`);
    expect(run.error).toContain("test: refused to record always");
    const calls = stub.callsTo("/always");
    expect(calls).toHaveLength(MAX_FAILED_PASSES);
    expect(new Set(calls.map((c) => c.headers["idempotency-key"]))).toEqual(new Set([`${runId}:always::1`]));
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "always" } });
    expect(step.status).toBe("FAILED");
    expect(step.error).toContain(`${MAX_FAILED_PASSES} times`);
    expect(step.error).toContain(`${runId}:always::1`);
    const row = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row.errorNodeId).toBe("always");
    // Nothing wakes a run failed this way again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(stub.callsTo("/always")).toHaveLength(MAX_FAILED_PASSES);
  }, 40_000);

  it("recovers from a temporary failure: the same key is sent again, the sends are counted, and the count resets", async () => {
    await refuseSucceeded("twice", 2);
    const wf = await httpWorkflow("/twice", "twice");
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 20_000);
    expect(run).toMatchObject({ status: "SUCCEEDED", error: null });
    const calls = stub.callsTo("/twice");
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers["idempotency-key"]))).toEqual(new Set([`${runId}:twice::1`]));
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "twice" } });
    expect(step).toMatchObject({ status: "SUCCEEDED", attempt: 1, errorCode: "SENT_AGAIN" });
    expect(step.error).toContain("3 times");
    const row = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row.passFailures).toBe(0);
    expect(row.error).toBeNull();
  }, 40_000);
});
