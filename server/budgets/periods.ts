// Calendar budget periods in the organisation's time zone: a day starts at local midnight, a week on Monday at local
// midnight, a month on its first day. Pure functions over IANA zone names (Intl), exact across DST changes: a period
// is [start, end) in real instants, so a Berlin day in late March is 23 hours long and one in late October 25.

export type TBudgetPeriod = "day" | "week" | "month";
export type TPeriodBounds = { start: Date; end: Date };

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True for a zone name this runtime's Intl knows (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type TLocal = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock reading of `ms` in the zone (month 1–12). */
function localParts(ms: number, timeZone: string): TLocal {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Local time minus UTC at `ms`, in milliseconds (whole seconds: Intl reads no further). */
function offsetAt(ms: number, timeZone: string): number {
  const l = localParts(ms, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The first instant whose wall clock in the zone reads local midnight of the date, or later: where midnight does not
 * exist (a zone that springs forward at 00:00) the day begins at the change; where it exists twice, at the first.
 * Assumes at most one offset change within 36 hours of it, as in every real zone.
 */
function startOfLocalDate(year: number, month: number, day: number, timeZone: string): number {
  const local = Date.UTC(year, month - 1, day);
  const before = offsetAt(local - 36 * HOUR_MS, timeZone);
  const after = offsetAt(local + 36 * HOUR_MS, timeZone);
  const valid = [...new Set([before, after])].map((o) => local - o).filter((t) => offsetAt(t, timeZone) === local - t);
  if (valid.length > 0) return Math.min(...valid);
  // In the gap: with the offset before the change, the local time maps to the instant of the change itself.
  return local - before;
}

/** The date `days` after a local date, as plain calendar arithmetic. */
function addDays(year: number, month: number, day: number, days: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The calendar period of the given kind that contains `at`, in the zone. */
export function periodBounds(period: TBudgetPeriod, at: Date, timeZone: string): TPeriodBounds {
  const { year, month, day } = localParts(at.getTime(), timeZone);
  let first: [number, number, number];
  let next: [number, number, number];
  if (period === "day") {
    first = [year, month, day];
    next = addDays(year, month, day, 1);
  } else if (period === "week") {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
    first = addDays(year, month, day, -((weekday + 6) % 7));
    next = addDays(...first, 7);
  } else {
    first = [year, month, 1];
    next = month === 12 ? [year + 1, 1, 1] : [year, month + 1, 1];
  }
  return { start: new Date(startOfLocalDate(...first, timeZone)), end: new Date(startOfLocalDate(...next, timeZone)) };
}

/** The period just before the one that contains `at`. */
export function previousPeriodBounds(period: TBudgetPeriod, at: Date, timeZone: string): TPeriodBounds {
  const current = periodBounds(period, at, timeZone);
  return periodBounds(period, new Date(current.start.getTime() - 1), timeZone);
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone, e.g. for charts bucketed by local day. */
export function localDate(at: Date, timeZone: string): string {
  const { year, month, day } = localParts(at.getTime(), timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The local hour (YYYY-MM-DD HH:00) of an instant in the zone: a DST change's repeated hour reads the same twice. */
export function localHour(at: Date, timeZone: string): string {
  const { hour } = localParts(at.getTime(), timeZone);
  return `${localDate(at, timeZone)} ${String(hour).padStart(2, "0")}:00`;
}
