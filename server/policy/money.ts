// Money in the policy core is exact: US dollars as decimal strings at the edges (as the database's Decimal(18, 8)
// columns print them), bigint counts of 10⁻⁸ dollars inside, never floating point.

export const USD_SCALE = 8;
const UNIT = 10n ** BigInt(USD_SCALE);
export const USD_PATTERN = /^\d{1,10}(\.\d{1,8})?$/;

/** "12.5" → 1_250_000_000n. The string must match USD_PATTERN (validated at the boundary). */
export function parseUsd(usd: string): bigint {
  if (!USD_PATTERN.test(usd)) throw new RangeError(`Not an amount in US dollars: "${usd}"`);
  const [whole = "0", fraction = ""] = usd.split(".");
  return BigInt(whole) * UNIT + BigInt(fraction.padEnd(USD_SCALE, "0"));
}

/** 1_250_000_000n → "$12.50"; more decimals only when the amount has them. */
export function formatUsd(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  const whole = abs / UNIT;
  const fraction = (abs % UNIT).toString().padStart(USD_SCALE, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${sign}$${whole}.${fraction}`;
}
