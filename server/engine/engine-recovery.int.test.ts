// Waits and queued runs survive what the issue names: Redis losing everything (it keeps nothing on disk here, so a
// restart empties it) and PostgreSQL dropping every connection (what a restart does to clients). The run's state is
// in Postgres; the reconciler notices runs that should be moving and have no job, and wakes them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import pg from "pg";
import { adminUrl } from "@/test/db";
import { redisKey } from "../redis/client";
import { decideApproval } from "../approvals/decide-approval";
import { reconcileRuns } from "./reconciler";

let h: THarness;
beforeAll(async () => {
  h = await startHarness("recovery");
});
afterAll(async () => h.close());

/** What a Redis restart without persistence leaves: none of this test's keys (queues, jobs, locks, leases). */
async function emptyRedis(): Promise<number> {
  const keys = await h.redis.keys(redisKey("*"));
  if (keys.length > 0) await h.redis.del(...keys);
  return keys.length;
}

const delayGraph = (ms: number) =>
  graph(
    {
      t: { type: "trigger.manual" },
      wait: { type: "control.delay", config: { mode: "duration", durationMs: ms } },
      out: { type: "control.output", config: { value: "'woke up'" } },
    },
    ["t>wait", "wait>out"],
  );

describe("engine: recovery when Redis or PostgreSQL restart", () => {
  it("a run waiting on a delay finishes after Redis lost its wake-up job", async () => {
    const wf = await h.publish(delayGraph(800));
    const runId = await h.start(wf);
    await h.waitFor(runId, ["WAITING"]);
    expect(await emptyRedis()).toBeGreaterThan(0);
    // The delayed job is gone; the reconciler (every second in this harness) finds the due timer in Postgres.
    expect(await h.waitFor(runId, undefined, 20_000)).toMatchObject({ status: "SUCCEEDED", output: "woke up" });
    const steps = await h.steps(runId);
    expect(steps.get("wait")).toMatchObject({ status: "SUCCEEDED", attempt: 1 });
    expect(steps.get("out")).toMatchObject({ status: "SUCCEEDED", attempt: 1 });
  }, 30_000);

  it("an approval decided while Redis lost the resume job is resumed, and a queued run whose job was lost starts", async () => {
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
    const waiting = await h.start(approvalWf);
    await h.waitFor(waiting, ["WAITING"]);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId: waiting } });

    // No worker while Redis loses everything: the decision's wake-up and a newly queued run's job vanish.
    await h.stopEngine();
    await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "approved" });
    const queued = await h.start(await h.publish(delayGraph(1)));
    await emptyRedis();
    await h.startEngine();
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.t.db.run.findUniqueOrThrow({ where: { id: queued } })).status).toBe("QUEUED");

    // What the periodic reconciler does once they have been still for its threshold (0 here instead of 15 s).
    const { requeued } = await reconcileRuns({ db: h.t.db, redis: h.redis }, 0);
    expect(requeued).toEqual(expect.arrayContaining([waiting, queued]));
    expect(await h.waitFor(waiting)).toMatchObject({ status: "SUCCEEDED", output: "approved" });
    expect(await h.waitFor(queued)).toMatchObject({ status: "SUCCEEDED", output: "woke up" });
    expect((await h.steps(waiting)).get("no")?.status).toBe("SKIPPED");
  }, 30_000);

  it("a waiting run finishes after PostgreSQL dropped every connection", async () => {
    const wf = await h.publish(delayGraph(1500));
    const runId = await h.start(wf);
    await h.waitFor(runId, ["WAITING"]);
    // As a restart does: every session of this database ends (the worker's pools and this test's alike).
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    const ended = await admin
      .query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [h.t.name])
      .finally(() => admin.end());
    expect(ended.rowCount).toBeGreaterThan(1);
    // Pools drop the dead connections and open new ones on the next query; a query caught mid-flight is retried.
    const deadline = Date.now() + 20_000;
    let status = "WAITING";
    while (Date.now() < deadline && status !== "SUCCEEDED" && status !== "FAILED") {
      await new Promise((r) => setTimeout(r, 100));
      status = await h.t.db.run
        .findUnique({ where: { id: runId }, select: { status: true } })
        .then((r) => r?.status ?? "missing", () => status);
    }
    expect(status).toBe("SUCCEEDED");
    expect((await h.steps(runId)).get("out")).toMatchObject({ status: "SUCCEEDED", output: "woke up" });
  }, 30_000);
});
