import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRun, seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { emergencyStopKey } from "../engine/controls";
import { createCircuitBreaker } from "../net/circuit-breaker";
import { closeQueues } from "../queue/connection";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { announceWorker } from "../workers/presence";
import { getEngineStatus, resumeStoppedEngine, stopEngine } from "./engine-status";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;

beforeAll(async () => {
  t = await createTestDatabase("enginestatus");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  await closeQueues();
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

const deps = () => ({ db: t.db, redis });

describe("engine status", () => {
  it("shows live workers, queue counts and tripped breakers with the provider's name", async () => {
    const provider = await t.db.provider.create({ data: { name: "Acme LLM", kind: "openai_compatible" } });
    await announceWorker(redis, {
      id: "w1",
      host: "box-1",
      pid: 4242,
      startedAt: "2026-01-01T00:00:00.000Z",
      queues: ["system", "runs"],
      concurrency: 8,
      version: "test",
    });
    const breaker = createCircuitBreaker(redis, { failureThreshold: 2 });
    await breaker.recordFailure(`provider:${provider.id}`, { failureThreshold: 2 });
    await breaker.recordFailure(`provider:${provider.id}`, { failureThreshold: 2 });
    await breaker.recordFailure("host:api.example.com:8443");

    const status = await getEngineStatus(deps(), await f.principal("org@test.local"));
    expect(status.emergencyStop).toEqual({ isStopped: false, reason: null, changedBy: null, changedAt: null });
    expect(status.workers).toEqual([
      expect.objectContaining({ host: "box-1", pid: 4242, concurrency: 8, queues: ["system", "runs"] }),
    ]);
    expect(status.queues.map((q) => q.name)).toEqual(["runs", "schedules", "system"]);
    expect(status.queues[0]).toEqual({ name: "runs", waiting: 0, active: 0, delayed: 0, failed: 0 });
    // Open first, then the closed one that still counts a failure in its window.
    expect(status.breakers).toEqual([
      expect.objectContaining({
        kind: "provider",
        label: "Acme LLM",
        state: "open",
        failures: 2,
        openedAt: expect.any(String),
      }),
      expect.objectContaining({
        key: "host:api.example.com:8443",
        kind: "host",
        label: "api.example.com:8443",
        state: "closed",
        failures: 1,
      }),
    ]);
  });

  it("is for organisation admins only", async () => {
    await expect(getEngineStatus(deps(), await f.principal("both@test.local"))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(stopEngine(deps(), await f.principal("both@test.local"), "nope")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("stop → stopped with who, when and why (audited, Redis flag set); resume → running and wakes runs", async () => {
    const admin = await f.principal("org@test.local");
    await createRun(t.db, f.teamB, f.workflowB, f.versionB, { status: "RUNNING" });

    const stopped = await stopEngine(deps(), admin, "Provider bill spike");
    expect(stopped).toMatchObject({ isStopped: true, reason: "Provider bill spike", changedBy: "org@test.local" });
    expect(await redis.exists(emergencyStopKey())).toBe(1);
    const status = await getEngineStatus(deps(), admin);
    expect(status.emergencyStop).toMatchObject({ isStopped: true, reason: "Provider bill spike" });
    expect(Date.parse(status.emergencyStop.changedAt!)).toBeGreaterThan(Date.now() - 60_000);
    await expect(stopEngine(deps(), admin, "again")).rejects.toMatchObject({ code: "CONFLICT" });

    const resumed = await resumeStoppedEngine(deps(), admin);
    expect(resumed.resumed).toBe(1);
    expect(resumed.emergencyStop).toMatchObject({ isStopped: false, reason: null, changedBy: "org@test.local" });
    expect(await redis.exists(emergencyStopKey())).toBe(0);
    const after = await getEngineStatus(deps(), admin);
    expect(after.emergencyStop.isStopped).toBe(false);
    expect(after.queues.find((q) => q.name === "runs")?.waiting).toBe(1);
    await expect(resumeStoppedEngine(deps(), admin)).rejects.toMatchObject({ code: "CONFLICT" });

    const events = await t.db.auditEvent.findMany({ where: { resourceType: "engine" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ["engine.emergency_stop", "org@test.local"],
      ["engine.resumed", "org@test.local"],
    ]);
    expect(events[0]?.data).toEqual({ reason: "Provider bill spike" });
  });
});
