// Pure display formatters shared by server and client components. Dates are shown in UTC so that server-rendered
// text is deterministic and matches the dashboard's UTC day buckets.

const EN = "en-US";

type TNumeric = number | string | null | undefined;

function toNumber(value: TNumeric): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * US dollars. Decimal strings from the database are accepted as-is. Amounts under ten cents (typical for single LLM
 * calls) keep up to 4 decimals, and tiny ones 2 significant digits, instead of rounding to $0.00.
 */
// Built once: an Intl formatter is costly to create, and canvas badges format on every run update.
const usd = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(EN, { style: "currency", currency: "USD", ...options });
const MONEY_TINY = usd({ maximumSignificantDigits: 2 });
const MONEY_SMALL = usd({ minimumFractionDigits: 2, maximumFractionDigits: 4 });
const MONEY = usd({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MONEY_LARGE = usd({ minimumFractionDigits: 0, maximumFractionDigits: 0 });
const INTEGER = new Intl.NumberFormat(EN, { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat(EN, { notation: "compact", maximumFractionDigits: 1 });

export function formatMoney(value: TNumeric): string {
  const n = toNumber(value);
  if (n === null) return "—";
  if (n === 0) return "$0.00";
  const abs = Math.abs(n);
  const format = abs < 0.0001 ? MONEY_TINY : abs < 0.1 ? MONEY_SMALL : abs >= 1000 ? MONEY_LARGE : MONEY;
  return format.format(n);
}

export function formatNumber(value: TNumeric): string {
  const n = toNumber(value);
  return n === null ? "—" : INTEGER.format(n);
}

/** 1.2K, 3.4M: for chart axes and KPI cards. */
export function formatCompact(value: TNumeric): string {
  const n = toNumber(value);
  return n === null ? "—" : COMPACT.format(n);
}

/** A ratio 0..1 as a percentage; null (no data) is a dash, never 0%. */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${(ratio * 100).toFixed(fractionDigits).replace(/\.0+$/, "")}%`;
}

/** Milliseconds as 850 ms, 4.2 s, 3m 05s or 2h 04m. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const totalSeconds = Math.round(seconds);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(s).padStart(2, "0")}s`;
}

/** Short durations for chart axes: 850ms, 42s, 27m, 2.1h. */
export function formatDurationShort(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return `${(ms / 3_600_000).toFixed(1).replace(/\.0$/, "")}h`;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const DATE_TIME = new Intl.DateTimeFormat(EN, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const DATE_ONLY = new Intl.DateTimeFormat(EN, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const DAY_SHORT = new Intl.DateTimeFormat(EN, { month: "short", day: "numeric", timeZone: "UTC" });

/** "Nov 21, 10:45" (UTC). */
export function formatDateTime(value: Date | string | null | undefined): string {
  const d = toDate(value);
  return d ? DATE_TIME.format(d) : "—";
}

/** "Nov 21, 2026" (UTC). */
export function formatDate(value: Date | string | null | undefined): string {
  const d = toDate(value);
  return d ? DATE_ONLY.format(d) : "—";
}

/** "Nov 21" for chart axes; accepts "YYYY-MM-DD" day keys. */
export function formatDay(value: Date | string): string {
  const d = toDate(typeof value === "string" && value.length === 10 ? `${value}T00:00:00Z` : value);
  return d ? DAY_SHORT.format(d) : "—";
}

/** "5 min ago", "in 2 h", relative to `now` (passed in so the function stays pure). */
export function formatRelative(value: Date | string | null | undefined, now: Date): string {
  const d = toDate(value);
  if (!d) return "—";
  const diffSec = Math.round((d.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(diffSec);
  const [amount, unit] =
    abs < 60
      ? [abs, "s"]
      : abs < 3600
        ? [Math.round(abs / 60), "min"]
        : abs < 86_400
          ? [Math.round(abs / 3600), "h"]
          : [Math.round(abs / 86_400), "d"];
  if (abs < 30) return "just now";
  return diffSec < 0 ? `${amount} ${unit} ago` : `in ${amount} ${unit}`;
}

/** Relative change between two periods; null when there is no previous value to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
