import { describe, expect, it } from "vitest";
import {
  formatCompact,
  formatDay,
  formatDateTime,
  formatDuration,
  formatDurationShort,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
  relativeChange,
} from "./format";

describe("formatters", () => {
  it("formats money from decimal strings, keeping sub-cent amounts meaningful", () => {
    expect(formatMoney("1234.5")).toBe("$1,235");
    expect(formatMoney("12.3456")).toBe("$12.35");
    expect(formatMoney("0.00123456")).toBe("$0.0012");
    expect(formatMoney("0.0153")).toBe("$0.0153");
    expect(formatMoney("0.5")).toBe("$0.50");
    expect(formatMoney("0.0000123")).toBe("$0.000012");
    expect(formatMoney("0")).toBe("$0.00");
    expect(formatMoney(null)).toBe("—");
    expect(formatMoney("not a number")).toBe("—");
  });

  it("formats numbers, compact numbers and percentages; null is a dash, never 0", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatCompact(1_250_000)).toBe("1.3M");
    expect(formatPercent(0.9234)).toBe("92.3%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(null)).toBe("—");
  });

  it("formats durations across scales", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3m 05s");
    expect(formatDuration(7_440_000)).toBe("2h 04m");
    expect(formatDuration(null)).toBe("—");
    expect([850, 42_000, 1_600_000, 7_560_000, 7_200_000].map(formatDurationShort)).toEqual([
      "850ms",
      "42s",
      "27m",
      "2.1h",
      "2h",
    ]);
  });

  it("formats dates in UTC and relative times against a given now", () => {
    expect(formatDateTime("2026-11-21T09:05:00Z")).toBe("Nov 21, 09:05");
    expect(formatDay("2026-11-03")).toBe("Nov 3");
    const now = new Date("2026-11-21T12:00:00Z");
    expect(formatRelative("2026-11-21T11:55:00Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-11-21T14:00:00Z", now)).toBe("in 2 h");
    expect(formatRelative("2026-11-21T11:59:50Z", now)).toBe("just now");
    expect(formatRelative(null, now)).toBe("—");
  });

  it("computes relative change only when there is a previous value", () => {
    expect(relativeChange(150, 100)).toBeCloseTo(0.5);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});
