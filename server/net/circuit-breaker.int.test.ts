import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeError } from "../nodes/node-error";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { createCircuitBreaker, halfOpenRecheckMs, type TCircuitBreaker } from "./circuit-breaker";

// Real Redis, two independent connections standing in for two worker processes.
let redisA: TRedis;
let redisB: TRedis;
let workerA: TCircuitBreaker;
let workerB: TCircuitBreaker;

const FAST = { failureThreshold: 3, windowMs: 60_000, coolDownMs: 300, probeLeaseMs: 5_000 };
const boom = () => new NodeError("HTTP_5XX", "upstream 503", { isRetryable: true });

beforeAll(() => {
  redisA = createRedis();
  redisB = createRedis();
  workerA = createCircuitBreaker(redisA, FAST);
  workerB = createCircuitBreaker(redisB, FAST);
});
afterAll(async () => {
  const keys = await redisA.keys(redisKey("*"));
  if (keys.length > 0) await redisA.del(...keys);
  await Promise.all([redisA.quit(), redisB.quit()]);
});

async function failTimes(breaker: TCircuitBreaker, key: string, times: number, error: () => Error = boom) {
  for (let i = 0; i < times; i++) {
    await expect(breaker.guard(key, () => Promise.reject(error()))).rejects.toBeInstanceOf(NodeError);
  }
}

async function openCircuit(key: string) {
  await failTimes(workerA, key, FAST.failureThreshold);
  expect((await workerB.getState(key)).state).toBe("open");
}

describe("circuit breaker (Redis)", () => {
  it("opens after N failures, fails fast without calling the function, and is visible from another connection", async () => {
    const key = "host:opens.example";
    await failTimes(workerA, key, 2);
    expect(await workerB.getState(key)).toMatchObject({ state: "closed", failures: 2 });
    await failTimes(workerB, key, 1);
    const state = await workerA.getState(key);
    expect(state).toMatchObject({ state: "open", failures: 3 });
    expect(state.nextProbeAt!.getTime() - state.openedAt!.getTime()).toBe(FAST.coolDownMs);

    let calls = 0;
    const error = await workerB.guard(key, async () => ++calls).catch((e: unknown) => e);
    expect(calls).toBe(0);
    expect(error).toMatchObject({ code: "CIRCUIT_OPEN", isRetryable: true });
    expect((error as NodeError).message).toContain("Calls to opens.example are paused");

    const listed = await workerB.listBreakers();
    expect(listed.find((b) => b.key === key)).toMatchObject({ state: "open", failures: 3 });
  });

  it("does not count 4xx answers or cancellations, and forgets failures outside the window", async () => {
    const key = "host:window.example";
    const breaker = createCircuitBreaker(redisA, { ...FAST, windowMs: 400 });
    await failTimes(breaker, key, 5, () => new NodeError("HTTP_4XX", "404", { isRetryable: false }));
    await failTimes(breaker, key, 5, () => new NodeError("CANCELLED", "cancelled", { isRetryable: false }));
    expect((await breaker.getState(key)).state).toBe("closed");
    await failTimes(breaker, key, 2);
    await sleep(500);
    await failTimes(breaker, key, 2);
    expect(await breaker.getState(key)).toMatchObject({ state: "closed", failures: 2 });
    await failTimes(breaker, key, 1);
    expect((await breaker.getState(key)).state).toBe("open");
  });

  it("after the cool-down admits exactly one probe across connections; its success closes the circuit", async () => {
    const key = "host:probe.example";
    await openCircuit(key);
    await sleep(FAST.coolDownMs + 50);
    let calls = 0;
    const attempt = (breaker: TCircuitBreaker) =>
      breaker.guard(key, async () => {
        calls += 1;
        // Long enough that every concurrent attempt reaches Redis while the probe is still in flight.
        await sleep(500);
        return "ok";
      });
    const results = await Promise.allSettled([...Array.from({ length: 5 }, () => attempt(workerA)), ...Array.from({ length: 5 }, () => attempt(workerB))]);
    expect(calls).toBe(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "CIRCUIT_OPEN" });
    // Refused while the probe is in flight: told to ask again after a short re-check (250 ms for this cool-down), not
    // at the end of the probe's 5 s lease.
    for (const r of refused) {
      const wait = (r.reason as NodeError).details!.retryAt as number;
      expect(wait - Date.now()).toBeLessThanOrEqual(halfOpenRecheckMs(FAST));
    }
    expect(halfOpenRecheckMs(FAST)).toBe(250);
    expect(halfOpenRecheckMs({ coolDownMs: 30_000 })).toBe(3000);

    expect(await workerB.getState(key)).toMatchObject({ state: "closed", failures: 0, openedAt: null, nextProbeAt: null });
    await expect(workerB.guard(key, async () => "again")).resolves.toBe("again");
  });

  it("reads each key's options from its source (the thresholds set in Settings → Engine)", async () => {
    const asked: string[] = [];
    const breaker = createCircuitBreaker(redisA, FAST, undefined, async (key) => {
      asked.push(key);
      return key === "host:touchy.example" ? { failureThreshold: 1, coolDownMs: 60_000 } : {};
    });
    await failTimes(breaker, "host:touchy.example", 1);
    await failTimes(breaker, "host:sturdy.example", 2);
    expect((await breaker.getState("host:touchy.example")).state).toBe("open");
    const touchy = await breaker.getState("host:touchy.example");
    expect(touchy.nextProbeAt!.getTime() - touchy.openedAt!.getTime()).toBe(60_000);
    expect((await breaker.getState("host:sturdy.example")).state).toBe("closed");
    expect(asked).toEqual(["host:touchy.example", "host:sturdy.example", "host:sturdy.example"]);
  });

  it("re-opens when the probe fails, with a new cool-down", async () => {
    const key = "host:reopen.example";
    await openCircuit(key);
    const first = await workerA.getState(key);
    await sleep(FAST.coolDownMs + 50);
    await expect(workerB.guard(key, () => Promise.reject(boom()))).rejects.toMatchObject({ code: "HTTP_5XX" });
    const second = await workerA.getState(key);
    expect(second.state).toBe("open");
    expect(second.nextProbeAt!.getTime()).toBeGreaterThan(first.nextProbeAt!.getTime());
    await expect(workerA.guard(key, async () => "x")).rejects.toMatchObject({ code: "CIRCUIT_OPEN" });
  });

  it("frees the probe slot when the probe ends without a verdict, and after the probe's lease expires", async () => {
    const key = "host:lease.example";
    const breaker = createCircuitBreaker(redisA, { ...FAST, probeLeaseMs: 800 });
    await failTimes(breaker, key, 3);
    await sleep(FAST.coolDownMs + 50);
    await expect(breaker.guard(key, () => Promise.reject(new NodeError("CANCELLED", "stop", { isRetryable: false })))).rejects.toMatchObject({
      code: "CANCELLED",
    });
    // The slot is free again at once: a second probe is admitted and hangs (its worker "died").
    let release: () => void = () => undefined;
    const hanging = breaker.guard(key, () => new Promise<string>((resolve) => (release = () => resolve("late"))));
    await sleep(50);
    await expect(createCircuitBreaker(redisB, FAST).guard(key, async () => "x")).rejects.toMatchObject({ code: "CIRCUIT_OPEN" });
    await sleep(850);
    await expect(createCircuitBreaker(redisB, FAST).guard(key, async () => "took over")).resolves.toBe("took over");
    expect((await breaker.getState(key)).state).toBe("closed");
    release();
    await expect(hanging).resolves.toBe("late");
  });

  it("opens on a failure rate, counts 5xx results that did not throw, and resets on an admin's request", async () => {
    const key = "provider:flaky";
    const breaker = createCircuitBreaker(redisB, { ...FAST, failureThreshold: 100, failureRate: { threshold: 0.5, minRequests: 4 } });
    const call = (status: number) => breaker.guard(key, async () => ({ status }), { classifyResult: (r) => (r.status >= 500 ? "failure" : "success") });
    await call(200);
    await call(200);
    await call(503);
    expect((await breaker.getState(key)).state).toBe("closed");
    await call(502);
    expect((await breaker.getState(key)).state).toBe("open");

    await workerA.resetBreaker(key);
    expect(await breaker.getState(key)).toMatchObject({ state: "closed", failures: 0 });
    expect((await workerA.listBreakers()).map((b) => b.key)).not.toContain(key);
    await expect(call(200)).resolves.toEqual({ status: 200 });
  });

  it("records outcomes reported directly (provider layer without guard)", async () => {
    const key = "provider:direct";
    for (let i = 0; i < 3; i++) await workerA.recordFailure(key, FAST);
    expect((await workerB.getState(key)).state).toBe("open");
  });

  it("shows a closed breaker's failures over the window they were recorded with, not the default window", async () => {
    const key = "host:short-window.example.com";
    // A host with its own 1 s window: what the Settings page reads has no options source (base window 60 s).
    const own = createCircuitBreaker(redisA, FAST, undefined, async () => ({ windowMs: 1000 }));
    await failTimes(own, key, 2);
    expect((await workerB.getState(key)).failures).toBe(2);
    await sleep(1200);
    expect((await workerB.getState(key)).failures).toBe(0);
    expect((await workerB.listBreakers()).find((b) => b.key === key)?.failures).toBe(0);
  });
});
