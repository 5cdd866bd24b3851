import { Prisma } from "../db/generated/client";
import type { TSettledRun } from "./history-generate";
import { stableId } from "./random";

// MetricBucket rollups (source "workflow") consistent with the generated runs, at hour and day granularity, under
// the dashboard's convention (server/metrics/prepare-dashboard.ts): the rows of one (bucket, team, workflow)
// partition its activity, so summing any column over models never counts anything twice.
//   model = ""      the runs, counted once (by queuedAt): runs, runsFailed, latencyMsSum/Max over the durations of
//                   the runs that finished; plus steps and errors of the steps that call no model;
//   model = <name>  the steps that called the model: steps, requests (= attempts), errors (failed attempts),
//                   tokens and cost. Their latency stays 0 here: latencyMsSum is run latency, summed per run.
// SKIPPED steps are not counted. Steps are bucketed by when they started.

type TAcc = {
  granularity: "hour" | "day";
  bucketStart: Date;
  teamId: string;
  workflowId: string;
  model: string;
  runs: number;
  runsFailed: number;
  steps: number;
  requests: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUnits: bigint;
  latencyMsSum: number;
  latencyMsMax: number;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const COST_SCALE = 100_000_000n;

const floorTo = (t: Date, size: number) => new Date(Math.floor(t.getTime() / size) * size);
// Costs are summed as integer units of 1e-8 USD, the column's scale, so sums are exact.
const toUnits = (d: Prisma.Decimal) => BigInt(d.times(COST_SCALE.toString()).toFixed(0));

export function rollupMetrics(runs: TSettledRun[], now: Date): Prisma.MetricBucketCreateManyInput[] {
  const buckets = new Map<string, TAcc>();
  const at = (granularity: "hour" | "day", time: Date, run: TSettledRun, model: string): TAcc => {
    const bucketStart = floorTo(time, granularity === "hour" ? HOUR_MS : DAY_MS);
    const key = `${granularity}|${bucketStart.toISOString()}|${run.teamId}|${run.workflowId}|${model}`;
    let acc = buckets.get(key);
    if (!acc) {
      acc = {
        granularity,
        bucketStart,
        teamId: run.teamId,
        workflowId: run.workflowId,
        model,
        runs: 0,
        runsFailed: 0,
        steps: 0,
        requests: 0,
        errors: 0,
        tokensIn: 0,
        tokensOut: 0,
        costUnits: 0n,
        latencyMsSum: 0,
        latencyMsMax: 0,
      };
      buckets.set(key, acc);
    }
    return acc;
  };
  for (const run of runs) {
    for (const granularity of ["hour", "day"] as const) {
      const r = at(granularity, run.queuedAt, run, "");
      r.runs += 1;
      if (run.status === "FAILED") r.runsFailed += 1;
      if (run.durationMs !== null) {
        r.latencyMsSum += run.durationMs;
        r.latencyMsMax = Math.max(r.latencyMsMax, run.durationMs);
      }
      for (const s of run.steps) {
        if (s.status === "SKIPPED") continue;
        const b = at(granularity, s.startedAt ?? run.queuedAt, run, s.model ?? "");
        b.steps += 1;
        if (!s.model) {
          if (s.status === "FAILED") b.errors += 1;
          continue;
        }
        b.requests += Math.max(1, s.attempt);
        b.errors += s.status === "FAILED" ? Math.max(1, s.attempt) : Math.max(0, s.attempt - 1);
        b.tokensIn += s.tokensIn;
        b.tokensOut += s.tokensOut;
        b.costUnits += s.costUsd ? toUnits(s.costUsd) : 0n;
      }
    }
  }
  return [...buckets.values()].map((b) => ({
    id: stableId("metric", b.granularity, b.bucketStart.toISOString(), b.teamId, b.workflowId, b.model),
    granularity: b.granularity,
    bucketStart: b.bucketStart,
    source: "workflow",
    teamId: b.teamId,
    workflowId: b.workflowId,
    model: b.model,
    runs: b.runs,
    runsFailed: b.runsFailed,
    steps: b.steps,
    requests: b.requests,
    errors: b.errors,
    tokensIn: BigInt(b.tokensIn),
    tokensOut: BigInt(b.tokensOut),
    costUsd: new Prisma.Decimal(
      `${b.costUnits / COST_SCALE}.${(b.costUnits % COST_SCALE).toString().padStart(8, "0")}`,
    ),
    latencyMsSum: BigInt(b.latencyMsSum),
    latencyMsMax: b.latencyMsMax,
    isGenerated: true,
    updatedAt: now,
  }));
}
