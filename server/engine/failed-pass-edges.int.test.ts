// Failed passes at their edges: a sub-workflow step whose row was never written, steps still in flight when a pass
// fails, error text cut through an emoji, a run whose version cannot be read, the backoff between failed passes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { enqueueRun } from "../queue/run-queue";
import { verifyAuditChain } from "../audit/verify";
import type { TServices } from "../nodes/execute-types";

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("failedpass");
  stub = await startHttpStub();
  h.engine!.deps.failedPassRetryMs = 100;
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

const ended = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Refuses writes of `table` rows matching `condition` (SQL over NEW) the first `times` times, with `message`; a
 * sequence counts the refusals (nextval is not rolled back with the refused transaction).
 */
async function refuse(name: string, table: "StepRun" | "Run", condition: string, times: number, message = `test: refused ${name}`) {
  await h.t.db.$executeRawUnsafe(`CREATE SEQUENCE "test_seq_${name}"`);
  await h.t.db.$executeRawUnsafe(`
    CREATE FUNCTION "test_fn_${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (${condition}) AND nextval('"test_seq_${name}"') <= ${times} THEN
        RAISE EXCEPTION '%', ${quote(message)};
      END IF;
      RETURN NEW;
    END $$`);
  await h.t.db.$executeRawUnsafe(`CREATE TRIGGER "test_tr_${name}" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "test_fn_${name}"()`);
}
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

describe("a sub-workflow step whose row a failed pass did not write", () => {
  it("starts its child run once", async () => {
    const child = await h.publish(graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "trigger.body.x + 1" } } }, ["t>out"]), {
      name: "child-once",
    });
    const parent = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          subonce: { type: "control.subworkflow", config: { workflowId: child, input: "{ 'x': trigger.body.x }" } },
          out: { type: "control.output", config: { value: "nodes.subonce.output * 10" } },
        },
        ["t>subonce", "subonce>out"],
      ),
    );
    await refuse("subonce", "StepRun", `NEW."nodeId" = 'subonce' AND NEW.status = 'WAITING'`, 1);
    const runId = await h.start(parent, { x: 4 });
    expect(await h.waitFor(runId, [...ended], 20_000)).toMatchObject({ status: "SUCCEEDED", output: 50 });
    expect(await h.t.db.run.count({ where: { parentRunId: runId } })).toBe(1);
  }, 30_000);
});

describe("steps still in flight when a pass fails", () => {
  it("are waited for before the failure is recorded, so the retry never overlaps them", async () => {
    const services = h.engine!.deps.services as TServices;
    const original = services.engine.startChildRun;
    let active = 0;
    let maxActive = 0;
    // An engine service that ignores the step's abort signal (as any executor might) and takes a while.
    services.engine.startChildRun = async (args) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      try {
        await sleep(800);
        return await original(args);
      } finally {
        active -= 1;
      }
    };
    try {
      stub.route("/inflight", () => ({ json: { ok: true } }));
      const child = await h.publish(graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "7" } } }, ["t>out"]), {
        name: "child-inflight",
      });
      const parent = await h.publish(
        graph(
          {
            t: { type: "trigger.manual" },
            fast: { type: "tool.http", config: { method: "POST", url: `${stub.url}/inflight`, body: "{}" } },
            slow: { type: "control.subworkflow", config: { workflowId: child } },
          },
          ["t>fast", "t>slow"],
        ),
      );
      await refuse("inflight", "StepRun", `NEW."nodeId" = 'fast' AND NEW.status = 'SUCCEEDED'`, 1);
      const runId = await h.start(parent);
      expect(await h.waitFor(runId, [...ended], 20_000)).toMatchObject({ status: "SUCCEEDED" });
      expect(maxActive).toBe(1);
      expect(await h.t.db.run.count({ where: { parentRunId: runId } })).toBe(1);
    } finally {
      services.engine.startChildRun = original;
    }
  }, 30_000);
});

describe("what a failed pass records", () => {
  it("counts a pass whose error message is cut through an emoji, and the audit chain still verifies", async () => {
    stub.route("/emoji", () => ({ json: { ok: true } }));
    const wf = await h.publish(
      graph({ t: { type: "trigger.manual" }, emoji: { type: "tool.http", config: { method: "POST", url: `${stub.url}/emoji`, body: "{}" } } }, ["t>emoji"]),
    );
    // The engine's reason is the first 500 characters of the error: the emoji's two halves straddle that cut.
    await refuse("emoji", "StepRun", `NEW."nodeId" = 'emoji' AND NEW.status = 'SUCCEEDED'`, 1, `${"x".repeat(499)}😀 tail`);
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 20_000);
    expect(run).toMatchObject({ status: "SUCCEEDED", error: null });
    expect(stub.callsTo("/emoji")).toHaveLength(2);
    const unrecorded = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "step.send_unrecorded", data: { path: ["runId"], equals: runId } } });
    expect((unrecorded.data as { error: string }).error).toMatch(/x\uFFFD$/);
    expect(await verifyAuditChain(h.t.db)).toMatchObject({ isIntact: true });
  }, 30_000);

  it("counts and fails a run whose version cannot be read when failing it cannot be written", async () => {
    const wf = await h.publish(graph({ t: { type: "trigger.manual" } }, []), { name: "unreadable" });
    const version = await h.t.db.workflowVersion.create({ data: { workflowId: wf, number: 2, graph: { nodes: "not a graph" } } });
    await h.t.db.workflow.update({ where: { id: wf }, data: { publishedVersionId: version.id } });
    await refuse("noversion", "Run", `NEW."workflowVersionId" = ${quote(version.id)} AND NEW.status = 'FAILED'`, 2);
    const runId = await h.start(wf);
    const run = await h.waitFor(runId, [...ended], 8_000);
    // Two failed passes were counted and retried after their backoff (not left to the reconciler), then the third
    // pass could fail the run with the reason it cannot go on.
    expect(run.status).toBe("FAILED");
    expect(run.error).not.toContain("test: refused");
    const row = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row.passFailures).toBe(0);
  }, 20_000);
});

describe("the backoff between failed passes", () => {
  it("is kept even when other wake-ups arrive", async () => {
    h.engine!.deps.failedPassRetryMs = 1500;
    try {
      stub.route("/backoff", () => ({ json: { ok: true } }));
      const wf = await h.publish(
        graph({ t: { type: "trigger.manual" }, backoff: { type: "tool.http", config: { method: "POST", url: `${stub.url}/backoff`, body: "{}" } } }, [
          "t>backoff",
        ]),
      );
      await refuse("backoff", "StepRun", `NEW."nodeId" = 'backoff' AND NEW.status = 'SUCCEEDED'`, 2);
      const runId = await h.start(wf);
      const poke = setInterval(() => void enqueueRun(runId, "test-poke"), 100);
      try {
        expect(await h.waitFor(runId, [...ended], 20_000)).toMatchObject({ status: "SUCCEEDED" });
      } finally {
        clearInterval(poke);
      }
      const at = stub.callsTo("/backoff").map((c) => c.at);
      expect(at).toHaveLength(3);
      // 1.5 s after the first failed pass, 3 s after the second (a little early for timer slack).
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1400);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2900);
    } finally {
      h.engine!.deps.failedPassRetryMs = 100;
    }
  }, 30_000);

});
