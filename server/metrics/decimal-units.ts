// Exact money sums without floats: amounts are held as integer units of 1e-8 USD, the scale of the Decimal(18, 8)
// columns, so adding thousands of buckets never drifts. Convert to a number only to draw a chart.
const SCALE = 8;
const PLAIN_DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function toUnits(value: string | number): bigint {
  const text = typeof value === "number" ? value.toFixed(SCALE) : value.trim();
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) {
    // Exponent notation ("1e-8") or anything unusual: fall back to the float route, rounded to the column scale.
    const n = Number(text);
    return Number.isFinite(n) ? BigInt(Math.round(n * 10 ** SCALE)) : 0n;
  }
  const [, sign, whole = "0", fraction = ""] = match;
  const units = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, "0"));
  return sign ? -units : units;
}

export function unitsToString(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(SCALE);
  const fraction = (abs % base).toString().padStart(SCALE, "0");
  return `${negative ? "-" : ""}${abs / base}.${fraction}`;
}

export function unitsToNumber(units: bigint): number {
  return Number(units) / 10 ** SCALE;
}
