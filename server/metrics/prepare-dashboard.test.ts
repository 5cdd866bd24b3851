import { describe, expect, it } from "vitest";
import { GATEWAY_LABEL, prepareDashboard, type TBucket } from "./prepare-dashboard";
import { toUnits, unitsToString } from "./decimal-units";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function bucket(partial: Partial<TBucket> & { bucketStart: Date }): TBucket {
  return {
    source: "workflow",
    workflowId: "wf1",
    model: "",
    runs: 0,
    runsFailed: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: "0",
    latencyMsSum: 0,
    isGenerated: false,
    ...partial,
  };
}

const names = { wf1: "Triage", wf2: "Summarise" };

describe("prepareDashboard", () => {
  it("fills every day of the period: counters with 0, averages with null", () => {
    const result = prepareDashboard({
      buckets: [bucket({ bucketStart: day("2026-11-02"), runs: 4, runsFailed: 1, latencyMsSum: 8000, costUsd: "0.5" })],
      periodStart: day("2026-11-01"),
      days: 3,
      workflowNames: names,
    });
    expect(result.runsByDay).toEqual([
      { day: "2026-11-01", succeeded: 0, failed: 0 },
      { day: "2026-11-02", succeeded: 3, failed: 1 },
      { day: "2026-11-03", succeeded: 0, failed: 0 },
    ]);
    expect(result.latencyByDay.map((d) => d.avgLatencyMs)).toEqual([null, 2000, null]);
    expect(result.costByDay.points.map((p) => p.wf1)).toEqual([0, 0.5, 0]);
    expect(result.hasData).toBe(true);
  });

  it("splits the period from the previous one for the deltas and ignores buckets outside both", () => {
    const result = prepareDashboard({
      buckets: [
        bucket({ bucketStart: day("2026-10-30"), runs: 2, costUsd: "1.10000001" }),
        bucket({ bucketStart: day("2026-11-01"), runs: 5, runsFailed: 5, costUsd: "0.00000002" }),
        bucket({ bucketStart: day("2026-11-02"), runs: 1, costUsd: "0.1" }),
        bucket({ bucketStart: day("2026-11-03"), runs: 99 }),
        bucket({ bucketStart: day("2026-10-01"), runs: 99 }),
      ],
      periodStart: day("2026-11-01"),
      days: 2,
      workflowNames: names,
    });
    expect(result.kpis.runs).toEqual({ current: 6, previous: 2 });
    expect(result.kpis.successRate.current).toBeCloseTo(1 / 6);
    expect(result.kpis.successRate.previous).toBe(1);
    // Money is summed exactly, not as floats.
    expect(result.kpis.costUsd).toEqual({ current: "0.10000002", previous: "1.10000001" });
    // One day of data out of a 2-day previous period is enough to compare.
    expect(result.hasComparablePrevious).toBe(true);
  });

  it("does not compare with a previous period that history barely covers", () => {
    const result = prepareDashboard({
      buckets: [
        bucket({ bucketStart: day("2026-10-31"), runs: 1 }),
        bucket({ bucketStart: day("2026-11-05"), runs: 50 }),
      ],
      periodStart: day("2026-11-01"),
      days: 7,
      workflowNames: names,
    });
    expect(result.kpis.runs).toEqual({ current: 50, previous: 1 });
    expect(result.hasComparablePrevious).toBe(false);
  });

  it("reports no success rate or latency when nothing ran, and no data at all", () => {
    const result = prepareDashboard({ buckets: [], periodStart: day("2026-11-01"), days: 7, workflowNames: names });
    expect(result.kpis.successRate).toEqual({ current: null, previous: null });
    expect(result.kpis.avgLatencyMs.current).toBeNull();
    expect(result.kpis.costUsd.current).toBe("0.00000000");
    expect(result.hasData).toBe(false);
    expect(result.runsByDay).toHaveLength(7);
    expect(result.costByDay.series).toEqual([]);
  });

  it("counts gateway traffic in cost and tokens but not as runs, and groups tokens by model", () => {
    const result = prepareDashboard({
      buckets: [
        bucket({
          bucketStart: day("2026-11-01"),
          source: "gateway",
          workflowId: "",
          model: "gpt-4o-mini",
          tokensIn: 100,
          tokensOut: 50,
          costUsd: "0.2",
        }),
        bucket({ bucketStart: day("2026-11-01"), model: "gpt-4o-mini", tokensIn: 10, tokensOut: 5, costUsd: "0.1" }),
        bucket({
          bucketStart: day("2026-11-01"),
          workflowId: "wf2",
          model: "claude",
          tokensIn: 1,
          tokensOut: 1,
          costUsd: "0.3",
        }),
        bucket({ bucketStart: day("2026-11-01"), runs: 1 }),
      ],
      periodStart: day("2026-11-01"),
      days: 1,
      workflowNames: names,
    });
    expect(result.kpis.runs.current).toBe(1);
    expect(result.kpis.tokens.current).toBe(167);
    expect(result.tokensByModel).toEqual([
      { model: "gpt-4o-mini", tokensIn: 110, tokensOut: 55 },
      { model: "claude", tokensIn: 1, tokensOut: 1 },
    ]);
    expect(result.topWorkflows.map((w) => w.label)).toEqual(["Summarise", GATEWAY_LABEL, "Triage"]);
  });

  it("stacks the five costliest workflows and folds the rest into Other", () => {
    const buckets = Array.from({ length: 7 }, (_, i) =>
      bucket({ bucketStart: day("2026-11-01"), workflowId: `w${i}`, costUsd: String(i + 1) }),
    );
    const result = prepareDashboard({ buckets, periodStart: day("2026-11-01"), days: 1, workflowNames: {} });
    expect(result.costByDay.series.map((s) => s.key)).toEqual(["w6", "w5", "w4", "w3", "w2", "other"]);
    expect(result.costByDay.points[0]?.other).toBe(3);
    expect(result.costByDay.series[0]?.label).toBe("Deleted workflow");
  });

  it("takes run latency from the run rows only, not from per-model step latency", () => {
    const result = prepareDashboard({
      buckets: [
        bucket({ bucketStart: day("2026-11-01"), runs: 2, latencyMsSum: 10_000 }),
        bucket({ bucketStart: day("2026-11-01"), model: "m", latencyMsSum: 999_000, costUsd: "0.1" }),
      ],
      periodStart: day("2026-11-01"),
      days: 1,
      workflowNames: names,
    });
    expect(result.kpis.avgLatencyMs.current).toBe(5000);
    expect(result.kpis.runs.current).toBe(2);
  });

  it("flags generated demo history", () => {
    const result = prepareDashboard({
      buckets: [bucket({ bucketStart: day("2026-11-01"), runs: 1, isGenerated: true })],
      periodStart: day("2026-11-01"),
      days: 1,
      workflowNames: names,
    });
    expect(result.hasGenerated).toBe(true);
  });
});

describe("decimal units", () => {
  it("round-trips decimal strings exactly", () => {
    expect(unitsToString(toUnits("12.34567891"))).toBe("12.34567891");
    expect(unitsToString(toUnits("-0.5"))).toBe("-0.50000000");
    expect(toUnits("1e-8")).toBe(1n);
    expect(unitsToString(toUnits("0.1") + toUnits("0.2"))).toBe("0.30000000");
  });
});
