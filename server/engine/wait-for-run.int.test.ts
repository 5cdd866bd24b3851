import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import type { TDb } from "../db/client";
import { runChannel, type TRunEvent } from "../events/live-events";
import { getSharedSubscriber } from "../events/shared-subscriber";
import { waitForRunEnd } from "./wait-for-run";
import { handleWebhook } from "./webhook";

// Every Redis connection this file opens carries this name (ioredis reads options from the URL's query), so the
// connections the waits open can be counted in CLIENT LIST while other test files use the same Redis.
const CONNECTION_NAME = vi.hoisted(() => {
  const name = `baton-test-waitend-${Math.random().toString(36).slice(2, 10)}`;
  process.env.REDIS_URL = `redis://127.0.0.1:6379/0?connectionName=${name}`;
  return name;
});

let h: THarness;
let workflowId: string;
let waitingHook: string;
beforeAll(async () => {
  // No engine: the runs stay QUEUED until a test ends them by hand (the database row, then the live event, as the
  // engine does).
  h = await startHarness("waitend", { isEngineStarted: false });
  workflowId = await h.publish(graph({ t: { type: "trigger.webhook" }, out: { type: "control.output", config: { value: "1" } } }, ["t>out"]));
  waitingHook = await h.publish(
    graph({ t: { type: "trigger.webhook", config: { responseMode: "wait", waitTimeoutMs: 60_000 } }, out: { type: "control.output", config: { value: "1" } } }, ["t>out"]),
  );
});
afterAll(async () => {
  getSharedSubscriber().close();
  await h.close();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const deps = () => ({ db: h.t.db, redis: h.redis });

/** Ends the run as the engine does: the row first, then the run's live event. Returns how many subscribers got it. */
async function endRun(runId: string): Promise<number> {
  await h.t.db.run.update({ where: { id: runId }, data: { status: "SUCCEEDED", output: { ok: runId }, finishedAt: new Date() } });
  const event: TRunEvent = { type: "run", runId, workflowId, teamId: h.teamId, status: "SUCCEEDED", at: new Date().toISOString() };
  return h.redis.publish(runChannel(runId), JSON.stringify(event));
}

async function subscribers(runIds: string[]): Promise<number[]> {
  const reply = (await h.redis.call("PUBSUB", "NUMSUB", ...runIds.map(runChannel))) as (string | number)[];
  return runIds.map((_, i) => Number(reply[i * 2 + 1]));
}

/** This file's connections to Redis (by name), optionally only those in subscriber mode. */
async function namedConnections(type?: "pubsub"): Promise<string[]> {
  const list = String(await h.redis.call("CLIENT", "LIST", ...(type ? ["TYPE", type] : [])));
  return list.split("\n").filter((line) => line.includes(` name=${CONNECTION_NAME} `));
}

async function eventually(check: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("waitForRunEnd", () => {
  it("does not lose an end event published while it reads the run, and answers without waiting for the poll", async () => {
    const runId = await h.start(workflowId);
    let reads = 0;
    let receivers = -1;
    let staleReturnedAt = 0;
    // The first read sees the run still going; before it returns, the run ends and its event is delivered.
    const racyFindUnique = async (args: Parameters<TDb["run"]["findUnique"]>[0]) => {
      const row = await h.t.db.run.findUnique(args);
      reads += 1;
      if (reads === 1) {
        receivers = await endRun(runId);
        await sleep(100); // the event reaches this process while the read is still "in flight"
        staleReturnedAt = Date.now();
      }
      return row;
    };
    const db = new Proxy(h.t.db, { get: (target, prop) => (prop === "run" ? { findUnique: racyFindUnique } : Reflect.get(target, prop)) });
    // The safety poll is set far beyond the test: only the wake-up can end this wait in time.
    const end = await waitForRunEnd({ db, redis: h.redis }, runId, 10_000, { pollMs: 60_000 });
    const afterStaleMs = Date.now() - staleReturnedAt;
    expect(receivers).toBeGreaterThanOrEqual(1); // the wait was subscribed when the event went out
    expect(end).toMatchObject({ status: "SUCCEEDED", output: { ok: runId } });
    // The old code slept through the event until its 1 s poll; a remembered wake-up re-reads at once.
    expect(afterStaleMs).toBeLessThan(500);
    expect(reads).toBe(2);
  });

  it("adds at most one Redis connection for 50 concurrent waits, and unsubscribes each when it ends", async () => {
    const runIds = await Promise.all(Array.from({ length: 50 }, () => h.start(workflowId)));
    const before = (await namedConnections()).length;
    const waits = runIds.map((runId) => waitForRunEnd(deps(), runId, 30_000));
    await eventually(async () => (await subscribers(runIds)).every((n) => n >= 1));
    const during = (await namedConnections()).length;
    expect(during - before).toBeLessThanOrEqual(1);
    for (const runId of runIds) await endRun(runId);
    const ends = await Promise.all(waits);
    expect(ends.map((end) => end?.status)).toEqual(runIds.map(() => "SUCCEEDED"));
    await eventually(async () => (await subscribers(runIds)).every((n) => n === 0));
  });

  it("returns null at its timeout and leaves no subscription behind", async () => {
    const runId = await h.start(workflowId);
    expect(await waitForRunEnd(deps(), runId, 300)).toBeNull();
    await eventually(async () => (await subscribers([runId]))[0] === 0);
  });

  it("ends at once, with null and no subscription left, when its caller goes away", async () => {
    const runId = await h.start(workflowId);
    const abort = new AbortController();
    const wait = waitForRunEnd(deps(), runId, 60_000, { signal: abort.signal });
    await eventually(async () => (await subscribers([runId]))[0]! >= 1);
    abort.abort();
    expect(await Promise.race([wait, sleep(5000).then(() => "still waiting")])).toBeNull();
    await eventually(async () => (await subscribers([runId]))[0] === 0);
  });

  it("sees a run that ended while its subscriber connection was down, once it has reconnected", async () => {
    const runId = await h.start(workflowId);
    const wait = waitForRunEnd(deps(), runId, 30_000, { pollMs: 60_000 });
    await eventually(async () => (await subscribers([runId]))[0]! >= 1);
    for (const line of await namedConnections("pubsub")) {
      const addr = / addr=(\S+) /.exec(` ${line}`)?.[1];
      if (addr) await h.redis.call("CLIENT", "KILL", "ADDR", addr).catch(() => undefined);
    }
    await endRun(runId); // most likely while no subscriber is there to hear it
    expect(await Promise.race([wait, sleep(10_000).then(() => "still waiting")])).toMatchObject({ status: "SUCCEEDED" });
  });
});

describe("webhook waiting for the result", () => {
  it("stops waiting when the caller disconnects, answering that the run is still going", async () => {
    const abort = new AbortController();
    const ref = randomBytes(4).toString("hex");
    const req = new Request(`http://baton.test/api/hooks/${waitingHook}`, {
      method: "POST",
      body: JSON.stringify({ ref }),
      headers: { "content-type": "application/json", "x-baton-secret": "s3cret" },
      signal: abort.signal,
    });
    const answer = handleWebhook(deps(), waitingHook, req);
    let runId = "";
    await eventually(async () => {
      const run = await h.t.db.run.findFirst({ where: { workflowId: waitingHook }, select: { id: true } });
      runId = run?.id ?? "";
      return runId !== "" && (await subscribers([runId]))[0]! >= 1;
    });
    abort.abort();
    const result = await Promise.race([answer, sleep(5000).then(() => "still waiting")]);
    expect(result).toMatchObject({ status: 202, body: { runId, status: "RUNNING" } });
    await eventually(async () => (await subscribers([runId]))[0] === 0);
  });
});
