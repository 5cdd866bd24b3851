import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { createCircuitBreaker } from "./circuit-breaker";
import { resetCircuitBreaker } from "./reset-breaker";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;

beforeAll(async () => {
  t = await createTestDatabase("breakerreset");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

describe("resetCircuitBreaker", () => {
  it("closes an open breaker, removes it from the list and audits the reset", async () => {
    const key = "host:flaky.example.com";
    const breaker = createCircuitBreaker(redis, { failureThreshold: 2 });
    await breaker.recordFailure(key);
    await breaker.recordFailure(key);
    expect((await breaker.getState(key)).state).toBe("open");

    const result = await resetCircuitBreaker({ db: t.db, redis }, await f.principal("org@test.local"), key);
    expect(result.before).toMatchObject({ state: "open", failures: 2 });
    expect(result.after).toMatchObject({ state: "closed", failures: 0, openedAt: null });
    expect((await breaker.getState(key)).state).toBe("closed");
    expect((await breaker.listBreakers()).map((b) => b.key)).not.toContain(key);
    // Calls go through again.
    expect(await breaker.guard(key, async () => "ok")).toBe("ok");

    const events = await t.db.auditEvent.findMany({ where: { action: "engine.breaker_reset" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorLabel: "org@test.local",
      resourceType: "circuit_breaker",
      resourceId: key,
    });
    expect(events[0]?.data).toMatchObject({ state: "open", failures: 2, openedAt: expect.any(String) });
  });

  it("is a 404 for a breaker without failures, and refused to non-admins", async () => {
    const admin = await f.principal("org@test.local");
    await expect(resetCircuitBreaker({ db: t.db, redis }, admin, "host:never.example")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const key = "host:other.example";
    await createCircuitBreaker(redis).recordFailure(key);
    await expect(
      resetCircuitBreaker({ db: t.db, redis }, await f.principal("both@test.local"), key),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await createCircuitBreaker(redis).getState(key)).failures).toBe(1);
  });
});
