import { Prisma } from "../db/generated/client";

// Cost of a model call in US dollars, in exact decimal arithmetic: list prices are per million tokens, and the
// result is rounded half-up to 8 decimal places, the scale of every costUsd column (Decimal(18, 8)).

export const COST_DECIMAL_PLACES = 8;

// A private Decimal with room for any realistic product (billions of tokens × prices with 6 decimals) so nothing
// is rounded before the final step; the result is handed back as a Prisma.Decimal.
const Exact = Prisma.Decimal.clone({ precision: 60, rounding: Prisma.Decimal.ROUND_HALF_UP });

export type TPriceInput = Prisma.Decimal | string | number;
export type TModelPrices = {
  inputPricePerMTok: TPriceInput;
  outputPricePerMTok: TPriceInput;
  /** Input tokens read from the provider's prompt cache; absent or null: they cost the input price. */
  cachedInputPricePerMTok?: TPriceInput | null;
};

function toExact(value: TPriceInput, what: string): InstanceType<typeof Exact> {
  const d = new Exact(typeof value === "number" ? String(value) : value.toString());
  if (!d.isFinite() || d.isNegative()) throw new RangeError(`${what} must be a finite, non-negative amount`);
  return d;
}

function assertTokens(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/**
 * ((tokensIn − cached) × input price + cached × cached-input price + tokensOut × output price) / 1,000,000, rounded
 * half-up to 8 dp. `cachedTokensIn` is the part of `tokensIn` the provider read from its prompt cache (the AI SDK's
 * inputTokenDetails.cacheReadTokens); a provider reporting more than tokensIn is counted as tokensIn, never more.
 */
export function costUsd(prices: TModelPrices, tokensIn: number, tokensOut: number, cachedTokensIn = 0): Prisma.Decimal {
  assertTokens(tokensIn, "tokensIn");
  assertTokens(tokensOut, "tokensOut");
  assertTokens(cachedTokensIn, "cachedTokensIn");
  const input = toExact(prices.inputPricePerMTok, "inputPricePerMTok");
  const cached = Math.min(cachedTokensIn, tokensIn);
  const cachedPrice =
    prices.cachedInputPricePerMTok == null ? input : toExact(prices.cachedInputPricePerMTok, "cachedInputPricePerMTok");
  const total = input
    .times(tokensIn - cached)
    .plus(cachedPrice.times(cached))
    .plus(toExact(prices.outputPricePerMTok, "outputPricePerMTok").times(tokensOut))
    .dividedBy(1_000_000)
    .toDecimalPlaces(COST_DECIMAL_PLACES, Exact.ROUND_HALF_UP);
  return new Prisma.Decimal(total.toFixed(COST_DECIMAL_PLACES));
}

/** Exact sum of costs (e.g. a run's steps), kept at 8 dp. */
export function sumCosts(costs: Iterable<TPriceInput>): Prisma.Decimal {
  let total = new Exact(0);
  for (const c of costs) total = total.plus(toExact(c, "cost"));
  return new Prisma.Decimal(total.toFixed(COST_DECIMAL_PLACES));
}
