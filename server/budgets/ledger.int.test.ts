import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { checkBudgets } from "../policy/rules/budget";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { invalidateBudgetCache } from "./budget-cache";
import { applySettlement, budgetStatus, coveringBudgets, prepareSettlement, releaseSpend, reserveSpend, settleSpend, type TLedgerDeps, type TReservation } from "./ledger";
import { clearOrgTimeZoneCache } from "./org-time-zone";
import { periodKeys } from "./ledger-keys";
import { initSpent, insertUsage } from "./ledger-sync";
import { periodBounds } from "./periods";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;
let ctxA: { teamId: string };

beforeAll(async () => {
  t = await createTestDatabase("ledger");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
  ctxA = { teamId: f.teamA };
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await t.drop();
});

beforeEach(async () => {
  // Each test owns its budgets: none left from the previous one, and Redis starts empty (as after a restart).
  await t.db.budget.deleteMany({});
  await t.db.usageEntry.deleteMany({});
  await t.db.budgetAlert.deleteMany({});
  invalidateBudgetCache(t.db);
  const keys = await redis.keys(redisKey("budget", "*"));
  if (keys.length > 0) await redis.del(...keys);
});

const deps = (now?: () => Date): TLedgerDeps => ({ db: t.db, redis, now });

async function budget(data: { name: string; amountUsd: string; scope?: "org" | "team" | "workflow" | "user"; teamId?: string | null; period?: "day" | "week" | "month"; warnAt?: string; workflowId?: string; userId?: string }) {
  const row = await t.db.budget.create({
    data: { scope: "team", teamId: f.teamA, period: "month", ...data },
  });
  invalidateBudgetCache(t.db);
  return row;
}

const usage = (reservationId: string, costUsd: string) => ({ costUsd, tokensIn: 100, tokensOut: 20, model: "gpt-test", provider: "stub", reservationId });

type TChild = { child: ChildProcess; ready: Promise<void>; result: Promise<{ reserved: string[] }>; output: () => string };

function spawnReserver(name: string, env: Record<string, string>): TChild {
  const child = spawn("npx", ["tsx", "test/budget-reserver.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "warn", RESERVER_NAME: name, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const lines = createInterface({ input: child.stdout! });
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<{ reserved: string[] }>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line === "ready") onReady();
      else if (line.startsWith("{")) resolve(JSON.parse(line) as { reserved: string[] });
    });
    child.on("exit", (code) => (code === 0 ? undefined : reject(new Error(`reserver ${name} exited ${code}: ${output}`))));
  });
  return { child, ready, result, output: () => output };
}

describe("budget ledger (real Postgres and Redis)", () => {
  it("two processes race 20 reservations against a budget that fits 5: exactly 5 are granted, settling makes Postgres the sum and frees Redis", async () => {
    const b = await budget({ name: "Fits five", amountUsd: "0.05" });
    const env = { RESERVER_TEAM_ID: f.teamA, RESERVER_COST_USD: "0.01", RESERVER_ATTEMPTS: "10" };
    const one = spawnReserver("p1", env);
    const two = spawnReserver("p2", env);
    await Promise.all([one.ready, two.ready]);
    one.child.stdin!.write("go\n");
    two.child.stdin!.write("go\n");
    const [a, c] = await Promise.all([one.result, two.result]);
    const granted = [...a.reserved, ...c.reserved];
    expect(granted).toHaveLength(5);

    const before = await budgetStatus(deps(), b);
    expect(before).toMatchObject({ spentUsd: "0.00", reservedUsd: "0.05" });
    const actualCosts = ["0.007", "0.011", "0.009", "0.00123456", "0.01"];
    for (const [i, id] of granted.entries()) {
      const reservation: TReservation = { id, budgetIds: [b.id], costUsd: "0.01", expiresAt: Date.now() + 60_000 };
      await settleSpend(deps(), reservation, ctxA, usage(id, actualCosts[i]!));
    }
    const [row] = await t.db.$queryRaw<{ sum: string }[]>`SELECT SUM("costUsd")::text AS sum FROM "UsageEntry" WHERE "teamId" = ${f.teamA}`;
    expect(row?.sum).toBe("0.03823456");
    expect(await budgetStatus(deps(), b)).toMatchObject({ spentUsd: "0.03823456", reservedUsd: "0.00" });
    // Redis's running total agrees with Postgres: the next reservation sees it.
    const next = await reserveSpend(deps(), ctxA, "0.001", { reservationId: "after-settle", ttlMs: 60_000 });
    expect(next.states[0]).toMatchObject({ spentUsd: "0.03823456", reservedUsd: "0.00" });
  }, 60_000);

  it("reports each budget's state before the call, so checkBudgets reaches the ledger's verdict; all budgets or none", async () => {
    const team = await budget({ name: "Team A", amountUsd: "1" });
    const wf = await budget({ name: "Workflow A", amountUsd: "0.1", scope: "workflow", workflowId: f.workflowA });
    const ctx = { teamId: f.teamA, workflowId: f.workflowA };
    expect((await coveringBudgets(deps(), ctx)).map((x) => x.name).sort()).toEqual(["Team A", "Workflow A"]);
    const first = await reserveSpend(deps(), ctx, "0.06", { reservationId: "r1", ttlMs: 60_000 });
    expect(first.isReserved).toBe(true);
    expect(first.states.map((s) => [s.name, s.spentUsd, s.reservedUsd])).toEqual([
      ["Team A", "0.00", "0.00"],
      ["Workflow A", "0.00", "0.00"],
    ]);
    expect(checkBudgets(first.states, "0.06").filter((x) => x.outcome !== "allow")).toEqual([]);

    const refused = await reserveSpend(deps(), ctx, "0.05", { reservationId: "r2", ttlMs: 60_000 });
    expect(refused).toMatchObject({ isReserved: false, exceededIds: [wf.id] });
    expect(refused.states.find((s) => s.id === wf.id)).toMatchObject({ reservedUsd: "0.06" });
    const verdict = checkBudgets(refused.states, "0.05");
    expect(verdict.filter((x) => x.outcome === "block").map((x) => x.budget.id)).toEqual([wf.id]);
    // None was reserved on the team budget either.
    expect((await budgetStatus(deps(), team)).reservedUsd).toBe("0.06");

    // A person approved the overspend: force reserves past the amount.
    const forced = await reserveSpend(deps(), ctx, "0.05", { reservationId: "r2", ttlMs: 60_000, force: true });
    expect(forced.isReserved).toBe(true);
    expect((await budgetStatus(deps(), wf)).reservedUsd).toBe("0.11");
    // Reserving again with the same id replaces the hold instead of adding to it.
    await reserveSpend(deps(), ctx, "0.01", { reservationId: "r2", ttlMs: 60_000, force: true });
    expect((await budgetStatus(deps(), wf)).reservedUsd).toBe("0.07");
    // A context no budget covers reserves nothing and needs no reservation.
    expect(await reserveSpend(deps(), { teamId: f.teamB }, "5", { reservationId: "r3", ttlMs: 1000 })).toEqual({ isReserved: true, reservation: null, states: [] });
  });

  it("initialises spent from the Postgres sum of the rows the scope covers in the period", async () => {
    // Redis keeps a period's keys until a day after it ends, in real time: the test's times are this month's.
    const now = new Date();
    const { start } = periodBounds("month", now, "UTC");
    const within = (share: number) => new Date(start.getTime() + (now.getTime() - start.getTime()) * share);
    await t.db.usageEntry.createMany({
      data: [
        { reservationId: "h1", at: within(0.2), teamId: f.teamA, userId: "u1", costUsd: "1.25" },
        { reservationId: "h2", at: within(0.5), teamId: f.teamA, userId: "u2", costUsd: "0.5", isGenerated: true },
        { reservationId: "h3", at: new Date(start.getTime() - 1000), teamId: f.teamA, userId: "u1", costUsd: "7" }, // last month
        { reservationId: "h4", at: within(0.3), teamId: f.teamB, userId: "u1", costUsd: "3" }, // team B
      ],
    });
    const team = await budget({ name: "Team A monthly", amountUsd: "10" });
    const user = await budget({ name: "u1 in A", amountUsd: "10", scope: "user", userId: "u1" });
    const org = await budget({ name: "Org", amountUsd: "100", scope: "org", teamId: null });
    const r = await reserveSpend(deps(() => now), { teamId: f.teamA, userId: "u1" }, "0.1", { reservationId: "x", ttlMs: 60_000 });
    const spent = Object.fromEntries(r.states.map((s) => [s.name, s.spentUsd]));
    expect(spent).toEqual({ "Team A monthly": "1.75", "u1 in A": "1.25", Org: "4.75" });
    expect(await budgetStatus(deps(() => now), team)).toMatchObject({ spentUsd: "1.75", generatedUsd: "0.50", reservedUsd: "0.10" });
    expect((await budgetStatus(deps(() => now), user)).spentUsd).toBe("1.25");
    expect((await budgetStatus(deps(() => now), org)).periodStart).toEqual(start);
  });

  it("a reservation never settled expires after its ttl and frees the budget", async () => {
    let now = new Date();
    const b = await budget({ name: "Tiny", amountUsd: "0.02" });
    const held = await reserveSpend(deps(() => now), ctxA, "0.02", { reservationId: "crashed-worker", ttlMs: 30_000 });
    expect(held.isReserved).toBe(true);
    expect((await reserveSpend(deps(() => now), ctxA, "0.01", { reservationId: "blocked", ttlMs: 30_000 })).isReserved).toBe(false);
    now = new Date(now.getTime() + 29_000);
    expect((await reserveSpend(deps(() => now), ctxA, "0.01", { reservationId: "still-blocked", ttlMs: 30_000 })).isReserved).toBe(false);
    now = new Date(now.getTime() + 1_001);
    const after = await reserveSpend(deps(() => now), ctxA, "0.01", { reservationId: "freed", ttlMs: 30_000 });
    expect(after).toMatchObject({ isReserved: true, states: [{ reservedUsd: "0.00" }] });
    expect((await budgetStatus(deps(() => now), b)).reservedUsd).toBe("0.01");
  });

  it("settling twice writes one row and adds the cost once; release drops a hold without spending", async () => {
    const b = await budget({ name: "Twice", amountUsd: "1" });
    const r = await reserveSpend(deps(), ctxA, "0.2", { reservationId: "dup", ttlMs: 60_000 });
    if (!r.isReserved) throw new Error("expected a reservation");
    await settleSpend(deps(), r.reservation, ctxA, usage("dup", "0.15"));
    await settleSpend(deps(), r.reservation, ctxA, usage("dup", "0.15"));
    expect(await t.db.usageEntry.count({ where: { reservationId: "dup" } })).toBe(1);
    const s = await reserveSpend(deps(), ctxA, "0.1", { reservationId: "rel", ttlMs: 60_000 });
    expect(s.states[0]).toMatchObject({ spentUsd: "0.15", reservedUsd: "0.00" });
    if (!s.isReserved) throw new Error("expected a reservation");
    await releaseSpend(deps(), s.reservation);
    await releaseSpend(deps(), s.reservation);
    expect(await budgetStatus(deps(), b)).toMatchObject({ spentUsd: "0.15", reservedUsd: "0.00" });
  });

  it("settling a call no budget covers still writes its ledger row", async () => {
    await settleSpend(deps(), null, { teamId: f.teamB, workflowId: f.workflowB, userId: "someone" }, { ...usage("free-call", "0.0042"), runId: "run-1", stepRunId: "step-1" });
    expect(await t.db.usageEntry.findUnique({ where: { reservationId: "free-call" } })).toMatchObject({
      teamId: f.teamB,
      workflowId: f.workflowB,
      userId: "someone",
      runId: "run-1",
      stepRunId: "step-1",
      model: "gpt-test",
      provider: "stub",
      tokensIn: 100,
      tokensOut: 20,
      isGenerated: false,
    });
  });

  it("rolls over to a new period by itself (calendar month in the organisation's time zone)", async () => {
    await t.db.systemSetting.create({ data: { key: "org.timezone", value: "Europe/Berlin" } });
    clearOrgTimeZoneCache(t.db);
    // The end of this month in Berlin (Redis keeps a period's keys until a day after it ends, in real time).
    const boundary = periodBounds("month", new Date(), "Europe/Berlin").end;
    try {
      let now = new Date(boundary.getTime() - 30 * 60_000); // 23:30 in Berlin on the month's last day
      const b = await budget({ name: "Monthly", amountUsd: "0.03" });
      const r = await reserveSpend(deps(() => now), ctxA, "0.03", { reservationId: "nov", ttlMs: 3_600_000 });
      if (!r.isReserved) throw new Error("expected a reservation");
      await settleSpend(deps(() => now), r.reservation, ctxA, usage("nov", "0.03"));
      expect((await reserveSpend(deps(() => now), ctxA, "0.01", { reservationId: "nov-2", ttlMs: 1000 })).isReserved).toBe(false);
      now = boundary; // midnight in Berlin: the next month
      const dec = await reserveSpend(deps(() => now), ctxA, "0.01", { reservationId: "dec", ttlMs: 1000 });
      expect(dec).toMatchObject({ isReserved: true, states: [{ spentUsd: "0.00", reservedUsd: "0.00" }] });
      const next = periodBounds("month", boundary, "Europe/Berlin");
      expect(next.start).toEqual(boundary);
      expect(await budgetStatus(deps(() => now), b)).toMatchObject({ periodStart: boundary, periodEnd: next.end, spentUsd: "0.00" });
      // Midnight in Berlin is not midnight in UTC: the boundary is the zone's.
      expect(boundary.getUTCHours()).not.toBe(0);
    } finally {
      await t.db.systemSetting.delete({ where: { key: "org.timezone" } });
      clearOrgTimeZoneCache(t.db);
    }
  });

  it("a call reserved before a period ends and settled after it leaves no hold behind", async () => {
    const boundary = periodBounds("day", new Date(), "UTC").end;
    let now = new Date(boundary.getTime() - 60_000);
    const b = await budget({ name: "Daily", amountUsd: "1", period: "day" });
    const r = await reserveSpend(deps(() => now), ctxA, "0.5", { reservationId: "late", ttlMs: 600_000 });
    if (!r.isReserved) throw new Error("expected a reservation");
    now = new Date(boundary.getTime() + 60_000);
    await settleSpend(deps(() => now), r.reservation, ctxA, usage("late", "0.4"));
    // The cost counts in the day it settled (its row's time); the old day's hold is gone.
    expect(await budgetStatus(deps(() => now), b)).toMatchObject({ spentUsd: "0.40", reservedUsd: "0.00" });
    expect(await budgetStatus(deps(() => new Date(boundary.getTime() - 30_000)), b)).toMatchObject({ spentUsd: "0.00", reservedUsd: "0.00" });
  });

  it("Redis's spent stays equal to the Postgres sum when its keys vanish while calls settle", async () => {
    const b = await budget({ name: "Churn", amountUsd: "1000" });
    // Settles run while the period's keys are deleted again and again (as a Redis restart would) and other calls
    // re-initialise them from Postgres: every settled cost must be counted exactly once.
    let isSettling = true;
    let wiped = 0;
    const wiper = (async () => {
      while (isSettling) {
        const keys = await redis.keys(redisKey("budget", b.id, "*"));
        if (keys.length > 0) wiped += await redis.del(...keys);
        await reserveSpend(deps(), ctxA, "0", { reservationId: `probe-${wiped}`, ttlMs: 1000 });
      }
    })();
    const lanes = Array.from({ length: 10 }, async (_, lane) => {
      for (let i = 0; i < 30; i += 1) await settleSpend(deps(), null, ctxA, usage(`c${lane}-${i}`, "0.00000123"));
    });
    await Promise.all(lanes);
    isSettling = false;
    await wiper;
    expect(wiped).toBeGreaterThan(3);
    const probe = await reserveSpend(deps(), ctxA, "0", { reservationId: "probe", ttlMs: 1000 });
    expect((await budgetStatus(deps(), b)).spentUsd).toBe("0.000369");
    expect(probe.states[0]!.spentUsd).toBe("0.000369");
  });

  it("a call settling while spent is being initialised is counted exactly once", async () => {
    const b = await budget({ name: "Init race", amountUsd: "10" });
    await settleSpend(deps(), null, ctxA, usage("before-init", "1"));
    // Initialise spent from Postgres, but hold the write to Redis until a call has settled meanwhile.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slowRedis = new Proxy(redis, {
      get(target, prop, receiver) {
        if (prop !== "multi") return Reflect.get(target, prop, receiver) as unknown;
        return () => {
          const pipeline = target.multi();
          const wrapper = {
            hsetnx: (...a: Parameters<typeof pipeline.hsetnx>) => (pipeline.hsetnx(...a), wrapper),
            hset: (...a: Parameters<typeof pipeline.hset>) => (pipeline.hset(...a), wrapper),
            pexpireat: (...a: Parameters<typeof pipeline.pexpireat>) => (pipeline.pexpireat(...a), wrapper),
            exec: async () => (await gate, pipeline.exec()),
          };
          return wrapper;
        };
      },
    });
    const bounds = periodBounds("month", new Date(), "UTC");
    const keys = periodKeys(b.id, bounds.start);
    const init = initSpent(t.db, slowRedis, b, bounds, keys);
    const settle = settleSpend(deps(), null, ctxA, usage("during-init", "2"));
    await new Promise((r) => setTimeout(r, 300));
    open();
    await Promise.all([init, settle]);
    expect(await redis.hget(keys.hash, "spent")).toBe("300000000");
    expect((await budgetStatus(deps(), b)).spentUsd).toBe("3.00");
  });

  it("a row committed before spent is initialised, whose Redis update comes after, is counted exactly once", async () => {
    // The run engine writes a call's row in its flush and updates Redis after the commit, outside any lock: an
    // initialisation in between sums the row, and the late update must then add nothing.
    const b = await budget({ name: "Late update", amountUsd: "10" });
    await settleSpend(deps(), null, ctxA, usage("earlier", "1"));
    const r = await reserveSpend(deps(), ctxA, "2", { reservationId: "late", ttlMs: 60_000 });
    expect(r.isReserved).toBe(true);
    const s = await prepareSettlement(deps(), r.isReserved ? r.reservation : null, ctxA, usage("late", "2"));
    const seqs = await insertUsage(t.db, [s.row], s.locks);
    expect(seqs.get("late")).toMatch(/^\d+$/);
    // Redis lost the period's state (a restart) and the next reservation initialises it from Postgres, row included.
    const bounds = periodBounds("month", new Date(), "UTC");
    const keys = periodKeys(b.id, bounds.start);
    await redis.del(keys.hash, keys.expiries);
    await initSpent(t.db, redis, b, bounds, keys);
    expect(await redis.hget(keys.hash, "spent")).toBe("300000000");
    await applySettlement(redis, s, seqs.get("late") ?? null);
    expect(await redis.hget(keys.hash, "spent")).toBe("300000000");
    // A row inserted after the initialisation is added.
    const after = await prepareSettlement(deps(), null, ctxA, usage("after-init", "0.5"));
    const afterSeqs = await insertUsage(t.db, [after.row], after.locks);
    await applySettlement(redis, after, afterSeqs.get("after-init") ?? null);
    expect(await redis.hget(keys.hash, "spent")).toBe("350000000");
    expect((await budgetStatus(deps(), b)).spentUsd).toBe("3.50");
  });
});
