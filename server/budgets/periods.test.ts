import { describe, expect, it } from "vitest";
import { isValidTimeZone, localDate, periodBounds, previousPeriodBounds } from "./periods";

const iso = (b: { start: Date; end: Date }) => [b.start.toISOString(), b.end.toISOString()];
const at = (s: string) => new Date(s);

describe("budget periods", () => {
  it("in UTC: days, Monday weeks and calendar months", () => {
    expect(iso(periodBounds("day", at("2026-11-18T23:59:59.999Z"), "UTC"))).toEqual(["2026-11-18T00:00:00.000Z", "2026-11-19T00:00:00.000Z"]);
    // 2026-11-18 is a Wednesday; 2026-11-22 a Sunday (still the week of Monday the 16th); 2026-11-23 a Monday.
    expect(iso(periodBounds("week", at("2026-11-18T10:00:00Z"), "UTC"))).toEqual(["2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"]);
    expect(iso(periodBounds("week", at("2026-11-22T23:00:00Z"), "UTC"))).toEqual(["2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"]);
    expect(iso(periodBounds("week", at("2026-11-23T00:00:00Z"), "UTC"))).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
    expect(iso(periodBounds("month", at("2026-11-30T23:59:59Z"), "UTC"))).toEqual(["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"]);
  });

  it("month ends: December into January, February in common and leap years", () => {
    expect(iso(periodBounds("month", at("2026-12-31T12:00:00Z"), "UTC"))).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    expect(iso(periodBounds("month", at("2027-02-28T23:00:00Z"), "UTC"))).toEqual(["2027-02-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z"]);
    expect(iso(periodBounds("day", at("2028-02-29T08:00:00Z"), "UTC"))).toEqual(["2028-02-29T00:00:00.000Z", "2028-03-01T00:00:00.000Z"]);
    // A week that spans a year end.
    expect(iso(periodBounds("week", at("2027-01-01T09:00:00Z"), "UTC"))).toEqual(["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
  });

  it("follow the zone's local midnight, not UTC's", () => {
    // 23:30 UTC on 31 October is already 1 November in Berlin (UTC+1 after the change).
    expect(iso(periodBounds("month", at("2026-10-31T23:30:00Z"), "Europe/Berlin"))).toEqual(["2026-10-31T23:00:00.000Z", "2026-11-30T23:00:00.000Z"]);
    expect(iso(periodBounds("day", at("2026-11-18T04:00:00Z"), "America/Los_Angeles"))).toEqual(["2026-11-17T08:00:00.000Z", "2026-11-18T08:00:00.000Z"]);
    expect(iso(periodBounds("day", at("2026-11-18T20:00:00Z"), "Asia/Kathmandu"))).toEqual(["2026-11-18T18:15:00.000Z", "2026-11-19T18:15:00.000Z"]);
  });

  it("Europe/Berlin's spring change: the 29 March 2026 day is 23 hours, the week and month span both offsets", () => {
    const day = periodBounds("day", at("2026-03-29T12:00:00Z"), "Europe/Berlin");
    expect(iso(day)).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    expect(day.end.getTime() - day.start.getTime()).toBe(23 * 3_600_000);
    // Monday 23 March 00:00 CET to Monday 30 March 00:00 CEST.
    expect(iso(periodBounds("week", at("2026-03-29T12:00:00Z"), "Europe/Berlin"))).toEqual(["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    expect(iso(periodBounds("month", at("2026-03-31T21:59:59Z"), "Europe/Berlin"))).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    // One second later it is April in Berlin.
    expect(iso(periodBounds("month", at("2026-03-31T22:00:00Z"), "Europe/Berlin"))[0]).toBe("2026-03-31T22:00:00.000Z");
  });

  it("Europe/Berlin's autumn change: the 25 October 2026 day is 25 hours, the repeated hour belongs to it once", () => {
    const day = periodBounds("day", at("2026-10-25T00:30:00Z"), "Europe/Berlin"); // 02:30 CEST, before the change
    expect(iso(day)).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(day.end.getTime() - day.start.getTime()).toBe(25 * 3_600_000);
    expect(iso(periodBounds("day", at("2026-10-25T01:30:00Z"), "Europe/Berlin"))).toEqual(iso(day)); // 02:30 CET, after it
  });

  it("a zone whose clocks skip midnight starts that day at the change", () => {
    // Chile springs forward at 24:00 on Saturday 5 September 2026: Sunday starts at 01:00 local (-03), 04:00 UTC.
    const day = periodBounds("day", at("2026-09-06T12:00:00Z"), "America/Santiago");
    expect(iso(day)).toEqual(["2026-09-06T04:00:00.000Z", "2026-09-07T03:00:00.000Z"]);
    const saturday = periodBounds("day", at("2026-09-05T12:00:00Z"), "America/Santiago");
    expect(saturday.end.toISOString()).toBe(day.start.toISOString());
  });

  it("consecutive periods tile time without gaps or overlaps", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata"]) {
      for (const period of ["day", "week", "month"] as const) {
        let cursor = periodBounds(period, at("2026-01-01T00:00:00Z"), zone);
        for (let i = 0; i < 60; i += 1) {
          const next = periodBounds(period, cursor.end, zone);
          expect(next.start.getTime(), `${zone} ${period} ${cursor.end.toISOString()}`).toBe(cursor.end.getTime());
          expect(next.end.getTime()).toBeGreaterThan(next.start.getTime());
          expect(previousPeriodBounds(period, next.start, zone)).toEqual(cursor);
          cursor = next;
        }
      }
    }
  });

  it("reads local dates and validates zone names with Intl", () => {
    expect(localDate(at("2026-10-31T23:30:00Z"), "Europe/Berlin")).toBe("2026-11-01");
    expect(localDate(at("2026-10-31T23:30:00Z"), "UTC")).toBe("2026-10-31");
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("burn-down buckets", () => {
  it("are the period's local days, or local hours for a daily budget, DST included", async () => {
    const { periodBuckets } = await import("./burn-down");
    const month = periodBounds("month", at("2026-10-15T12:00:00Z"), "Europe/Berlin");
    const days = periodBuckets({ period: "month" }, month, "Europe/Berlin");
    expect(days).toHaveLength(31);
    expect(days[0]).toMatchObject({ key: "2026-10-01", start: new Date("2026-09-30T22:00:00Z") });
    expect(days[24]).toMatchObject({ key: "2026-10-25", start: new Date("2026-10-24T22:00:00Z"), end: new Date("2026-10-25T23:00:00Z") });
    expect(days[30]!.end).toEqual(month.end);
    const autumnDay = periodBounds("day", at("2026-10-25T12:00:00Z"), "Europe/Berlin");
    const hours = periodBuckets({ period: "day" }, autumnDay, "Europe/Berlin");
    // 25 real hours, 24 local hour labels: 02:00 happens twice and is one bucket of two hours.
    expect(hours).toHaveLength(24);
    const two = hours.find((h) => h.key === "2026-10-25 02:00")!;
    expect(two.end.getTime() - two.start.getTime()).toBe(2 * 3_600_000);
    const springDay = periodBounds("day", at("2026-03-29T12:00:00Z"), "Europe/Berlin");
    expect(periodBuckets({ period: "day" }, springDay, "Europe/Berlin").map((h) => h.key)).not.toContain("2026-03-29 02:00");
  });
});
