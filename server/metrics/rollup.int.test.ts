import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { Prisma } from "@/server/db/generated/client";
import { loadDashboard } from "./dashboard-data";
import { MINUTE_RETENTION_MS, pruneMinuteBuckets, readRollupWatermark, rollupRuns } from "./rollup";
import { rollupLeaseKey, startRollups } from "./start-rollups";

// Real runs through the real engine, rolled up, compared with an independent computation from the Run and StepRun
// rows (the convention of server/seed/history-metrics.ts), then read back through the dashboard's own query.

let h: THarness;
let triage: string;
let strict: string;
let broken: string;
const FAST = "sandbox-fast";
const SMART = "sandbox-smart";
const TERMINAL = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;
const GRANULARITY_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
// Past the late-writer lag without sleeping.
const soon = () => new Date(Date.now() + 5_000);

beforeAll(async () => {
  h = await startHarness("rollup");
  // Keep any rollup job the engine worker may start out of the way: these tests call rollupRuns themselves.
  await h.redis.set(rollupLeaseKey(), "held-by-test", "PX", 600_000);
  const provider = await h.t.db.provider.create({
    data: {
      name: "Sandbox (simulated)",
      kind: "sandbox",
      settings: { latencyMs: 0, latencyJitterMs: 0, errorRate: 0 },
    },
  });
  const model = (name: string, input: string, output: string) =>
    h.t.db.model.create({
      data: {
        providerId: provider.id,
        name,
        displayName: name,
        inputPricePerMTok: input,
        outputPricePerMTok: output,
        contextWindow: 128_000,
      },
    });
  const fast = await model(FAST, "0.10", "0.40");
  const smart = await model(SMART, "3.00", "15.00");
  triage = await h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        ask: {
          type: "ai.llm",
          config: {
            model: { kind: "model", modelId: fast.id },
            prompt: "Classify: {{ trigger.body.text }}",
            maxTokens: 48,
          },
        },
        c: { type: "control.condition", config: { condition: "trigger.body.amount > 100" } },
        review: {
          type: "ai.llm",
          config: {
            model: { kind: "model", modelId: smart.id },
            prompt: "Review a {{ trigger.body.amount }} EUR refund.",
            maxTokens: 24,
          },
        },
        clear: { type: "tool.transform", config: { expression: "'auto-clear'" } },
        out: { type: "control.output", config: { value: "{ 'label': nodes.ask.output.text }" } },
      },
      ["t>ask", "ask>c", "c.true>review", "c.false>clear", "review>out", "clear>out"],
    ),
    { name: "Triage" },
  );
  // One token cannot hold the JSON the schema asks for: the step fails (after one retry), its calls still paid.
  strict = await h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        ask: {
          type: "ai.llm",
          config: {
            model: { kind: "model", modelId: smart.id },
            prompt: "Score {{ trigger.body.text }}",
            maxTokens: 1,
            outputSchema: { type: "object", properties: { score: { type: "number" } }, required: ["score"] },
          },
          settings: { retry: { maxAttempts: 2, backoffMs: 0, maxBackoffMs: 0, retryOn: "retryable" } },
        },
        out: { type: "control.output", config: { value: "nodes.ask.output.json" } },
      },
      ["t>ask", "ask>out"],
    ),
    { name: "Strict" },
  );
  broken = await h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        bad: { type: "tool.transform", config: { expression: "$error('boom')" } },
        out: { type: "control.output", config: { value: "nodes.bad.output" } },
      },
      ["t>bad", "bad>out"],
    ),
    { name: "Broken" },
  );
}, 60_000);
afterAll(async () => h.close());

async function runAll(specs: [string, Record<string, unknown>][]): Promise<string[]> {
  const ids = await Promise.all(specs.map(([wf, body]) => h.start(wf, body)));
  await Promise.all(ids.map((id) => h.waitFor(id, [...TERMINAL], 30_000)));
  return ids;
}

type TFigures = {
  runs: number;
  runsFailed: number;
  steps: number;
  requests: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  latencyMsSum: number;
  latencyMsMax: number;
};
const zero = (): TFigures => ({
  runs: 0,
  runsFailed: 0,
  steps: 0,
  requests: 0,
  errors: 0,
  tokensIn: 0,
  tokensOut: 0,
  costUsd: "0.00000000",
  latencyMsSum: 0,
  latencyMsMax: 0,
});
const addCost = (a: string, b: Prisma.Decimal) => new Prisma.Decimal(a).plus(b).toFixed(8);

/** The buckets every real finished run should have produced, computed in JS from the rows. */
async function expectedBuckets(now: Date): Promise<Record<string, TFigures>> {
  const runs = await h.t.db.run.findMany({
    where: { isGenerated: false, status: { in: [...TERMINAL] }, finishedAt: { not: null } },
    include: { steps: true },
  });
  const out: Record<string, TFigures> = {};
  const minuteFloor = now.getTime() - MINUTE_RETENTION_MS;
  const at = (g: keyof typeof GRANULARITY_MS, time: Date, workflowId: string, model: string): TFigures | null => {
    const start = Math.floor(time.getTime() / GRANULARITY_MS[g]) * GRANULARITY_MS[g];
    if (g === "minute" && start < minuteFloor) return null;
    const key = `${g}|${new Date(start).toISOString()}|${workflowId}|${model}`;
    return (out[key] ??= zero());
  };
  for (const run of runs) {
    for (const g of ["minute", "hour", "day"] as const) {
      const r = at(g, run.queuedAt, run.workflowId, "");
      if (r && run.triggerType !== "test") {
        r.runs += 1;
        if (run.status === "FAILED") r.runsFailed += 1;
        r.latencyMsSum += run.durationMs ?? 0;
        r.latencyMsMax = Math.max(r.latencyMsMax, run.durationMs ?? 0);
      }
      for (const s of run.steps) {
        if (s.status === "SKIPPED") continue;
        const b = at(g, s.startedAt ?? run.queuedAt, run.workflowId, s.model ?? "");
        if (!b) continue;
        b.steps += 1;
        if (!s.model) {
          if (s.status === "FAILED") b.errors += 1;
          continue;
        }
        b.requests += Math.max(1, s.attempt);
        b.errors += s.status === "FAILED" ? Math.max(1, s.attempt) : Math.max(0, s.attempt - 1);
        b.tokensIn += s.tokensIn;
        b.tokensOut += s.tokensOut;
        b.costUsd = addCost(b.costUsd, s.costUsd);
        b.latencyMsSum += s.latencyMs ?? 0;
        b.latencyMsMax = Math.max(b.latencyMsMax, s.latencyMs ?? 0);
      }
    }
  }
  return out;
}

async function storedBuckets(): Promise<Record<string, TFigures>> {
  const rows = await h.t.db.metricBucket.findMany({ where: { isGenerated: false, source: "workflow" } });
  return Object.fromEntries(
    rows.map((b) => [
      `${b.granularity}|${b.bucketStart.toISOString()}|${b.workflowId}|${b.model}`,
      {
        runs: b.runs,
        runsFailed: b.runsFailed,
        steps: b.steps,
        requests: b.requests,
        errors: b.errors,
        tokensIn: Number(b.tokensIn),
        tokensOut: Number(b.tokensOut),
        costUsd: b.costUsd.toFixed(8),
        latencyMsSum: Number(b.latencyMsSum),
        latencyMsMax: b.latencyMsMax,
      },
    ]),
  );
}

/** Sums one granularity's stored buckets per workflow and model. */
async function totals(granularity: "minute" | "hour" | "day") {
  const rows = await h.t.db.metricBucket.groupBy({
    by: ["workflowId", "model"],
    where: { granularity, isGenerated: false },
    _sum: { runs: true, runsFailed: true, steps: true, requests: true, errors: true, tokensIn: true, costUsd: true },
  });
  return Object.fromEntries(
    rows.map((r) => [
      `${r.workflowId}|${r.model}`,
      { ...r._sum, tokensIn: Number(r._sum.tokensIn), costUsd: r._sum.costUsd?.toFixed(8) },
    ]),
  );
}

describe("rollupRuns on real runs", () => {
  it("rolls finished runs up per granularity, workflow and model, with exact figures", async () => {
    await runAll([
      [triage, { text: "refund please", amount: 500 }],
      [triage, { text: "where is my parcel", amount: 5 }],
      [triage, { text: "cancel my plan", amount: 50 }],
      [strict, { text: "anything" }],
      [broken, {}],
    ]);
    const now = soon();
    const result = await rollupRuns(h.t.db, { now });
    expect(result).toMatchObject({ runs: 5, batches: 1, isCaughtUp: true });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));

    // What the figures are, beyond agreeing with the computation: every granularity adds up to the same totals.
    const day = await totals("day");
    expect(await totals("hour")).toEqual(day);
    expect(await totals("minute")).toEqual(day);
    // Steps without a model: trigger, condition, output, and "clear" in the two small runs (the other branch skipped).
    expect(day[`${triage}|`]).toMatchObject({ runs: 3, runsFailed: 0, steps: 11, errors: 0 });
    expect(day[`${triage}|${FAST}`]).toMatchObject({ steps: 3, requests: 3, errors: 0 });
    expect(day[`${triage}|${SMART}`]).toMatchObject({ steps: 1, requests: 1, errors: 0 });
    expect(day[`${strict}|`]).toMatchObject({ runs: 1, runsFailed: 1, steps: 1, errors: 0 });
    expect(day[`${strict}|${SMART}`]).toMatchObject({ steps: 1, requests: 2, errors: 2 });
    expect(day[`${broken}|`]).toMatchObject({ runs: 1, runsFailed: 1, steps: 2, errors: 1, costUsd: "0.00000000" });

    const steps = await h.t.db.stepRun.findMany({ where: { run: { workflowId: triage }, model: FAST } });
    const cost = steps.reduce((sum, s) => sum.plus(s.costUsd), new Prisma.Decimal(0));
    expect(cost.greaterThan(0)).toBe(true);
    expect(day[`${triage}|${FAST}`]?.costUsd).toBe(cost.toFixed(8));
    expect(day[`${triage}|${FAST}`]?.tokensIn).toBe(steps.reduce((n, s) => n + s.tokensIn, 0));
  });

  it("is idempotent: a second pass finds nothing and changes nothing", async () => {
    const before = await h.t.db.metricBucket.findMany({ orderBy: { id: "asc" } });
    const watermark = await readRollupWatermark(h.t.db);
    expect(await rollupRuns(h.t.db, { now: soon() })).toMatchObject({
      runs: 0,
      batches: 0,
      bucketWrites: 0,
      isCaughtUp: true,
    });
    expect(await h.t.db.metricBucket.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await readRollupWatermark(h.t.db)).toEqual(watermark);
  });

  it("adds only the runs finished since the last pass", async () => {
    await runAll([
      [triage, { text: "another refund", amount: 900 }],
      [broken, {}],
    ]);
    const now = soon();
    expect(await rollupRuns(h.t.db, { now })).toMatchObject({ runs: 2 });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));
    expect((await totals("day"))[`${triage}|`]).toMatchObject({ runs: 4 });
  });

  it("neither loses nor double counts runs that share the watermark's finishedAt", async () => {
    const ids = await runAll([
      [triage, { text: "a", amount: 1 }],
      [triage, { text: "b", amount: 2 }],
      [triage, { text: "c", amount: 3 }],
    ]);
    // All three at the latest of their real finishing times (still after the current watermark).
    const finished = await h.t.db.run.findMany({ where: { id: { in: ids } }, select: { finishedAt: true } });
    const same = new Date(Math.max(...finished.map((r) => r.finishedAt!.getTime())));
    await h.t.db.run.updateMany({ where: { id: { in: ids } }, data: { finishedAt: same } });
    // Batches of two split the three equal timestamps: the watermark falls between two of them.
    const now = soon();
    expect(await rollupRuns(h.t.db, { now, batchSize: 2 })).toMatchObject({ runs: 3, batches: 2 });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));
    const watermark = await readRollupWatermark(h.t.db);
    expect(watermark.finishedAt).toBe(same.toISOString());

    // A run that later finishes at exactly the watermark's time, with a later id, is still taken, once.
    const [late] = await runAll([[triage, { text: "d", amount: 4 }]]);
    const [order] = await h.t.db.$queryRaw<{ isAfter: boolean }[]>`SELECT ${late!} > ${watermark.id} AS "isAfter"`;
    expect(order?.isAfter).toBe(true);
    await h.t.db.run.update({ where: { id: late! }, data: { finishedAt: same } });
    expect(await rollupRuns(h.t.db, { now: soon() })).toMatchObject({ runs: 1 });
    expect(await rollupRuns(h.t.db, { now: soon() })).toMatchObject({ runs: 0 });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));
  });

  it("counts a builder's test runs for their spend, not as runs", async () => {
    const before = await totals("day");
    const ids = await runAll([
      [triage, { text: "test refund", amount: 700 }],
      [broken, {}],
    ]);
    await h.t.db.run.updateMany({ where: { id: { in: ids } }, data: { triggerType: "test" } });
    const now = soon();
    expect(await rollupRuns(h.t.db, { now })).toMatchObject({ runs: 2 });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));
    const after = await totals("day");
    expect(after[`${triage}|`]).toMatchObject({
      runs: before[`${triage}|`]?.runs,
      runsFailed: before[`${triage}|`]?.runsFailed,
    });
    expect(after[`${broken}|`]).toMatchObject({
      runs: before[`${broken}|`]?.runs,
      runsFailed: before[`${broken}|`]?.runsFailed,
    });
    const testSpend = (await h.t.db.stepRun.findMany({ where: { runId: { in: ids }, model: { not: null } } })).reduce(
      (sum, step) => sum.plus(step.costUsd),
      new Prisma.Decimal(0),
    );
    expect(testSpend.greaterThan(0)).toBe(true);
    for (const model of [FAST, SMART]) {
      const spent = (await h.t.db.stepRun.findMany({ where: { runId: { in: ids }, model } })).reduce(
        (n, s) => n.plus(s.costUsd),
        new Prisma.Decimal(0),
      );
      expect(
        new Prisma.Decimal(after[`${triage}|${model}`]?.costUsd ?? 0)
          .minus(before[`${triage}|${model}`]?.costUsd ?? 0)
          .toFixed(8),
      ).toBe(spent.toFixed(8));
    }
  });

  it("skips generated runs: the seed wrote their buckets", async () => {
    const run = await h.t.db.run.findFirstOrThrow({ where: { workflowId: triage } });
    const before = await storedBuckets();
    await h.t.db.run.create({
      data: {
        workflowId: triage,
        workflowVersionId: run.workflowVersionId,
        teamId: h.teamId,
        status: "SUCCEEDED",
        triggerType: "manual",
        input: {},
        startedAt: new Date(),
        finishedAt: new Date(),
        durationMs: 1234,
        isGenerated: true,
        steps: {
          create: {
            nodeId: "ask",
            nodeType: "ai.llm",
            status: "SUCCEEDED",
            attempt: 1,
            model: FAST,
            tokensIn: 100,
            tokensOut: 50,
            costUsd: "0.5",
          },
        },
      },
    });
    expect(await rollupRuns(h.t.db, { now: soon() })).toMatchObject({ runs: 0 });
    expect(await storedBuckets()).toEqual(before);
  });

  it("leaves runs whose finishing transaction may not have committed for a later pass", async () => {
    const [fresh] = await runAll([[broken, {}]]);
    // finishedAt within the lag of `now`: not yet.
    await h.t.db.run.update({ where: { id: fresh! }, data: { finishedAt: new Date(Date.now() + 60_000) } });
    expect(await rollupRuns(h.t.db)).toMatchObject({ runs: 0 });

    // A transaction that is still writing holds the cutoff before its start, whatever `now` says.
    const writer = new pg.Client({ connectionString: h.t.url });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query("SELECT txid_current()");
      await h.t.db.run.update({ where: { id: fresh! }, data: { finishedAt: new Date() } });
      expect(await rollupRuns(h.t.db, { now: new Date(Date.now() + 60_000) })).toMatchObject({ runs: 0 });
      await writer.query("COMMIT");
    } finally {
      await writer.end();
    }
    const now = new Date(Date.now() + 60_000);
    expect(await rollupRuns(h.t.db, { now })).toMatchObject({ runs: 1 });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));
  });

  it("writes no minute buckets older than the retention, and prunes old ones in bounded steps", async () => {
    const [old] = await runAll([[triage, { text: "old", amount: 7 }]]);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await h.t.db.run.update({ where: { id: old! }, data: { queuedAt: threeDaysAgo } });
    await h.t.db.stepRun.updateMany({ where: { runId: old! }, data: { startedAt: threeDaysAgo } });
    const now = soon();
    expect(await rollupRuns(h.t.db, { now })).toMatchObject({ runs: 1 });
    expect(await storedBuckets()).toEqual(await expectedBuckets(now));
    expect(
      await h.t.db.metricBucket.count({
        where: { granularity: "minute", bucketStart: { lt: new Date(now.getTime() - MINUTE_RETENTION_MS) } },
      }),
    ).toBe(0);

    const common = { source: "workflow" as const, teamId: h.teamId, workflowId: triage, model: "old" };
    const hoursAgo = (n: number) => new Date(Math.floor((Date.now() - n * 3_600_000) / 60_000) * 60_000);
    await h.t.db.metricBucket.createMany({
      data: [
        { ...common, granularity: "minute", bucketStart: hoursAgo(50), runs: 1 },
        { ...common, granularity: "minute", bucketStart: hoursAgo(49), runs: 1 },
        { ...common, granularity: "minute", bucketStart: hoursAgo(47), runs: 1 },
        { ...common, granularity: "hour", bucketStart: hoursAgo(50), runs: 1 },
      ],
    });
    expect(await pruneMinuteBuckets(h.t.db, { limit: 1 })).toBe(1);
    expect(await pruneMinuteBuckets(h.t.db, { limit: 1 })).toBe(1);
    expect(await pruneMinuteBuckets(h.t.db)).toBe(0);
    const left = await h.t.db.metricBucket.findMany({ where: { model: "old" }, select: { granularity: true } });
    expect(left.map((b) => b.granularity).sort()).toEqual(["hour", "minute"]);
    await h.t.db.metricBucket.deleteMany({ where: { model: "old" } });
  });

  it("gives the dashboard the real figures of the team", async () => {
    const runs = await h.t.db.run.findMany({
      where: { isGenerated: false, teamId: h.teamId },
      include: { steps: true },
    });
    const steps = runs.flatMap((r) => r.steps).filter((s) => s.model && s.status !== "SKIPPED");
    const cost = steps.reduce((sum, s) => sum.plus(s.costUsd), new Prisma.Decimal(0));
    const tokensOf = (model: string) => {
      const of = steps.filter((s) => s.model === model);
      return {
        model,
        tokensIn: of.reduce((n, s) => n + s.tokensIn, 0),
        tokensOut: of.reduce((n, s) => n + s.tokensOut, 0),
      };
    };
    // Test runs count for their spend (the steps above), not as runs.
    const counted = runs.filter((r) => r.triggerType !== "test");
    expect(counted.length).toBeLessThan(runs.length);
    const failed = counted.filter((r) => r.status === "FAILED").length;
    const durations = counted.reduce((n, r) => n + (r.durationMs ?? 0), 0);

    const d = await loadDashboard(h.t.db, h.principal, { team: h.teamId, period: "7" });
    expect(d.kpis.runs.current).toBe(counted.length);
    expect(d.kpis.successRate.current).toBeCloseTo((counted.length - failed) / counted.length, 10);
    expect(d.kpis.costUsd.current).toBe(cost.toFixed(8));
    expect(d.kpis.tokens.current).toBe(steps.reduce((n, s) => n + s.tokensIn + s.tokensOut, 0));
    expect(d.kpis.avgLatencyMs.current).toBeCloseTo(durations / counted.length, 6);
    expect(d.tokensByModel).toEqual(expect.arrayContaining([tokensOf(FAST), tokensOf(SMART)]));
    expect(d.tokensByModel).toHaveLength(2);
    expect(d.runsByDay.reduce((n, p) => n + p.succeeded + p.failed, 0)).toBe(counted.length);
    expect(d.topWorkflows.map((w) => w.label).sort()).toEqual(["Strict", "Triage"]);
    expect(d.hasGenerated).toBe(false);
  });
});

describe("startRollups", () => {
  it("runs the rollup in one leader on an interval and stops cleanly", async () => {
    await h.redis.del(rollupLeaseKey());
    const silent = pino({ level: "silent" });
    const a = startRollups({ db: h.t.db, redis: h.redis, log: silent }, 200);
    const b = startRollups({ db: h.t.db, redis: h.redis, log: silent }, 200);
    try {
      const [id] = await runAll([[broken, {}]]);
      const run = await h.t.db.run.findUniqueOrThrow({ where: { id: id! } });
      const deadline = Date.now() + 15_000;
      while ((await readRollupWatermark(h.t.db)).id !== run.id) {
        if (Date.now() > deadline) throw new Error("the rollup job did not pick the run up");
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await storedBuckets()).toEqual(await expectedBuckets(new Date()));
      expect(await h.redis.get(rollupLeaseKey())).toBeTruthy();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await h.redis.get(rollupLeaseKey())).toBeNull();
  });
});
