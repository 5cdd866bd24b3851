import { describe, expect, it } from "vitest";
import { prepareBurnDown, type TBurnBucket } from "./burn-down.shared";

const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}`;
// A 30-day November in UTC, one bucket per day.
const buckets = (costs: Record<number, string>): TBurnBucket[] =>
  Array.from({ length: 30 }, (_, i) => ({
    key: day(i + 1),
    start: `${day(i + 1)}T00:00:00.000Z`,
    end: i === 29 ? "2026-12-01T00:00:00.000Z" : `${day(i + 2)}T00:00:00.000Z`,
    costUsd: costs[i + 1] ?? "0",
  }));
const period = { periodStart: "2026-11-01T00:00:00.000Z", periodEnd: "2026-12-01T00:00:00.000Z" };

describe("budget burn-down", () => {
  it("accumulates the past days, stops the actual line now and forecasts the rest at the average rate", () => {
    const result = prepareBurnDown({ ...period, buckets: buckets({ 1: "2", 3: "4", 10: "4" }), now: "2026-11-10T00:00:00.000Z", amountUsd: "50", spentUsd: "10" });
    expect(result.points.slice(0, 3)).toEqual([
      { key: day(1), spent: 2, forecast: null },
      { key: day(2), spent: 2, forecast: null },
      { key: day(3), spent: 6, forecast: null },
    ]);
    // Now is midnight of the 10th: that day's bucket holds now, so both lines meet there.
    expect(result.points[9]).toEqual({ key: day(10), spent: 10, forecast: 10 });
    expect(result.points[10]!.spent).toBeNull();
    // $10 in 9 days → $1.111…/day; the 11th bucket ends 2 days from now.
    expect(result.points[10]!.forecast).toBeCloseTo(10 + (10 / 9) * 2, 9);
    expect(result.forecastUsd).toBeCloseTo(10 + (10 / 9) * 21, 9);
    expect(result.reachesAmountAt).toBeNull();
    expect(result.isReached).toBe(false);
  });

  it("says when the amount is reached at this rate, or that it is reached", () => {
    const fast = prepareBurnDown({ ...period, buckets: buckets({ 1: "20" }), now: "2026-11-05T00:00:00.000Z", amountUsd: "50", spentUsd: "20" });
    // $5/day from $20: $50 after 6 more days.
    expect(fast.reachesAmountAt).toBe("2026-11-11T00:00:00.000Z");
    const done = prepareBurnDown({ ...period, buckets: buckets({ 1: "60" }), now: "2026-11-05T00:00:00.000Z", amountUsd: "50", spentUsd: "60" });
    expect(done).toMatchObject({ isReached: true, reachesAmountAt: null });
  });

  it("makes no forecast in a period's first minutes, and none from nothing spent", () => {
    const early = prepareBurnDown({ ...period, buckets: buckets({ 1: "1" }), now: "2026-11-01T00:10:00.000Z", amountUsd: "50", spentUsd: "1" });
    expect(early.points.every((p) => p.forecast === null)).toBe(true);
    expect(early.forecastUsd).toBe(1);
    const idle = prepareBurnDown({ ...period, buckets: buckets({}), now: "2026-11-20T00:00:00.000Z", amountUsd: "50", spentUsd: "0" });
    expect(idle).toMatchObject({ forecastUsd: 0, reachesAmountAt: null, isReached: false });
    expect(idle.points[29]!.forecast).toBe(0);
  });
});
