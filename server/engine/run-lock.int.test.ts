// Run locks that name their worker, a heartbeat that notices a lost lock, and the fence on every flush (run-lock.ts):
// a pass that lost its run writes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, redisKey, type TRedis } from "@/server/redis/client";
import { FENCE_SQLSTATE, HEARTBEAT_MS, isLockLost, isRunLocked, LockLostError, runLockKey, startRunLocks, WORKER_ALIVE_TTL_MS, type TRunLocks } from "./run-lock";
import { RunWriter } from "./writer";
import type { TStepRow } from "./run-state";

let t: TTestDb;
let redis: TRedis;
let runId = "";
const teamId = "team-1";
const opened: TRunLocks[] = [];

async function locks(id: string): Promise<TRunLocks> {
  const l = await startRunLocks(redis, id);
  opened.push(l);
  return l;
}

beforeAll(async () => {
  t = await createTestDatabase("runlock");
  redis = createRedis();
  await t.db.team.create({ data: { id: teamId, slug: "ops", name: "Ops" } });
  const wf = await t.db.workflow.create({ data: { teamId, name: "W", draftGraph: {}, webhookSecret: "s" } });
  const v = await t.db.workflowVersion.create({ data: { workflowId: wf.id, number: 1, graph: {} } });
  runId = (await t.db.run.create({ data: { workflowId: wf.id, workflowVersionId: v.id, teamId, triggerType: "manual", input: {} } })).id;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const l of opened) await l.close();
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const aliveKey = (workerId: string) => redisKey("engine", "alive", workerId);

describe("run locks", () => {
  it("one pass per run; a live worker's lock is busy, a dead worker's lock is taken over", async () => {
    const a = await locks("worker-a");
    const b = await locks("worker-b");
    const held = await a.acquire("r1", () => undefined);
    expect(held).toMatchObject({ tookOverFrom: null, isLost: false });
    expect(await redis.get(runLockKey("r1"))).toMatch(/^worker-a \S+$/);
    expect(await b.acquire("r1", () => undefined)).toBeNull();
    expect(await isRunLocked(redis, ["r1", "r2"])).toEqual([true, false]);

    // worker-a dies: its alive key lapses (deleted here rather than waited for).
    await a.close();
    expect(await isRunLocked(redis, ["r1"])).toEqual([false]);
    const taken = await b.acquire("r1", () => undefined);
    expect(taken?.tookOverFrom).toBe("worker-a");
    await taken!.release();
    // A stale holder's release leaves the new holder's lock alone.
    const again = await b.acquire("r1", () => undefined);
    await held!.release();
    expect(await redis.get(runLockKey("r1"))).toMatch(/^worker-b /);
    await again!.release();
    expect(await redis.get(runLockKey("r1"))).toBeNull();
  });

  it("the heartbeat renews the alive key and the locks held, and tells a pass that its lock was taken", async () => {
    const a = await locks("worker-c");
    let lost = 0;
    const held = await a.acquire("r3", () => (lost += 1));
    expect(Number(await redis.pttl(aliveKey("worker-c")))).toBeGreaterThan(WORKER_ALIVE_TTL_MS - 1000);
    await sleep(HEARTBEAT_MS * 2.5);
    expect(held!.isLost).toBe(false);
    expect(Number(await redis.pttl(aliveKey("worker-c")))).toBeGreaterThan(WORKER_ALIVE_TTL_MS - HEARTBEAT_MS - 500);

    // As a take-over does after a stall: the lock now names another worker.
    await redis.set(runLockKey("r3"), "worker-z other-token", "PX", 10_000);
    await sleep(HEARTBEAT_MS * 2);
    expect(lost).toBe(1);
    expect(held!.isLost).toBe(true);
    await expect(held!.assertHeld()).rejects.toBeInstanceOf(LockLostError);
    await held!.release();
    expect(await redis.get(runLockKey("r3"))).toBe("worker-z other-token");
  });

  it("after a stall (no renewal for a while) the lock is checked before a write, not trusted", async () => {
    const a = await locks("worker-d");
    const held = await a.acquire("r4", () => undefined);
    await held!.assertHeld();
    await redis.set(runLockKey("r4"), "worker-z other-token", "PX", 10_000);
    // Right after a renewal the lock is trusted (the fence in Postgres still guards the write); once its last
    // renewal is older than two heartbeats, it is renewed first and found lost.
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 3 * HEARTBEAT_MS);
    await expect(held!.assertHeld()).rejects.toBeInstanceOf(LockLostError);
    vi.restoreAllMocks();
    await held!.release();
  });
});

describe("the fence on a pass's flush", () => {
  function row(nodeId: string): TStepRow {
    return {
      id: RunWriter.newStepId(), nodeId, nodeType: "control.output", iterationKey: "", status: "PENDING", attempt: 0, output: null, firedHandles: [],
      waitKind: null, waitUntil: null, resumePayload: null, startedAt: null, tokensIn: 0, tokensOut: 0, costUsd: "0", isPersisted: false, seq: 1,
    };
  }

  it("refuses the write of a pass that read the run before another pass wrote it, and writes nothing of it", async () => {
    const { flushSeq } = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
    const step = row("a");
    const first = new RunWriter(runId, teamId, { seq: flushSeq });
    first.step(step, { status: "RUNNING", attempt: 1 });
    first.audit({ actor: { type: "worker", label: "engine" }, action: "run.running", resource: { type: "run", id: runId }, teamId });
    await first.flush(t.db, redis);
    expect((await t.db.run.findUniqueOrThrow({ where: { id: runId } })).flushSeq).toBe(flushSeq + 1);

    // A second pass had read the run at the same point (the stalled pass): its write is refused, in full.
    const stale = new RunWriter(runId, teamId, { seq: flushSeq });
    const other = row("b");
    stale.step(other, { status: "SUCCEEDED", attempt: 1, output: { stale: true } });
    stale.run({ status: "SUCCEEDED" });
    stale.audit({ actor: { type: "worker", label: "engine" }, action: "run.succeeded", resource: { type: "run", id: runId }, teamId });
    const error = await stale.flush(t.db, redis).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: FENCE_SQLSTATE });
    expect(isLockLost(error)).toBe(true);
    expect(await t.db.stepRun.findMany({ where: { runId }, select: { nodeId: true } })).toEqual([{ nodeId: "a" }]);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "QUEUED", flushSeq: flushSeq + 1 });
    expect(await t.db.auditEvent.count({ where: { resourceId: runId, action: "run.succeeded" } })).toBe(0);

    // The first pass goes on writing: its writer counts its own flushes (also one with extra writes in a transaction).
    first.step(step, { status: "SUCCEEDED", attempt: 1 });
    first.inTransaction((sql) => sql(`UPDATE "Run" SET "passFailures" = 0 WHERE id = $1`, [runId]));
    await first.flush(t.db, redis);
    first.run({ status: "RUNNING" });
    await first.flush(t.db, redis);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "RUNNING", flushSeq: flushSeq + 3 });
  });

  it("a writer whose lock is lost does not write at all", async () => {
    const { flushSeq } = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
    const lost = { assertHeld: () => Promise.reject(new LockLostError(runId)) };
    const w = new RunWriter(runId, teamId, { seq: flushSeq, lock: lost });
    w.run({ status: "FAILED" });
    await expect(w.flush(t.db, redis)).rejects.toBeInstanceOf(LockLostError);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "RUNNING", flushSeq });
  });
});
