import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { costUsd, sumCosts } from "./pricing";

describe("costUsd", () => {
  it("is exact: 1,234 in + 567 out at $2.50/$10.00 per M = 0.008755", () => {
    const cost = costUsd({ inputPricePerMTok: "2.5", outputPricePerMTok: "10" }, 1234, 567);
    expect(cost).toBeInstanceOf(Prisma.Decimal);
    expect(cost.toFixed(8)).toBe("0.00875500");
    expect(cost.equals(new Prisma.Decimal("0.008755"))).toBe(true);
  });

  it("accepts Decimals, strings and numbers alike", () => {
    const a = costUsd(
      { inputPricePerMTok: new Prisma.Decimal("0.15"), outputPricePerMTok: new Prisma.Decimal("0.6") },
      1000,
      1000,
    );
    const b = costUsd({ inputPricePerMTok: 0.15, outputPricePerMTok: 0.6 }, 1000, 1000);
    expect(a.toFixed(8)).toBe("0.00075000");
    expect(b.equals(a)).toBe(true);
  });

  it("does not suffer float error where floats do", () => {
    // 0.1 + 0.2 style: in floats 3 × 0.1 / 1e6 is 3.0000000000000004e-7.
    expect(costUsd({ inputPricePerMTok: "0.1", outputPricePerMTok: "0.2" }, 3, 0).toFixed(8)).toBe("0.00000030");
    expect(costUsd({ inputPricePerMTok: "0.1", outputPricePerMTok: "0.2" }, 1, 1).toString()).toBe("3e-7");
  });

  it("rounds half-up to 8 decimal places", () => {
    // 1 token at $0.005/M = 0.000000005 → 0.00000001; at $0.004999/M → 0.00000000
    expect(costUsd({ inputPricePerMTok: "0.005", outputPricePerMTok: "0" }, 1, 0).toFixed(8)).toBe("0.00000001");
    expect(costUsd({ inputPricePerMTok: "0.004999", outputPricePerMTok: "0" }, 1, 0).toFixed(8)).toBe("0.00000000");
  });

  it("stays exact for very large volumes", () => {
    const cost = costUsd(
      { inputPricePerMTok: "75.123456", outputPricePerMTok: "150.654321" },
      9_007_199_254,
      1_234_567_891,
    );
    // (9007199254 × 75.123456 + 1234567891 × 150.654321) / 1e6 = 862644.924188108835 exactly; half-up at 8 dp.
    expect(cost.toFixed(8)).toBe("862644.92418811");
  });

  it("is zero for zero tokens and rejects invalid input", () => {
    expect(costUsd({ inputPricePerMTok: "2.5", outputPricePerMTok: "10" }, 0, 0).isZero()).toBe(true);
    expect(() => costUsd({ inputPricePerMTok: "2.5", outputPricePerMTok: "10" }, -1, 0)).toThrow(RangeError);
    expect(() => costUsd({ inputPricePerMTok: "2.5", outputPricePerMTok: "10" }, 1.5, 0)).toThrow(RangeError);
    expect(() => costUsd({ inputPricePerMTok: "-1", outputPricePerMTok: "10" }, 1, 0)).toThrow(RangeError);
  });
});

describe("costUsd with cached input tokens", () => {
  // 10,000 prompt tokens of which 8,000 were read from the provider's cache, 500 out.
  const prices = { inputPricePerMTok: "2.5", outputPricePerMTok: "10", cachedInputPricePerMTok: "0.25" };

  it("charges the cached part of the input at the cached price: (2,000 × 2.5 + 8,000 × 0.25 + 500 × 10) / 1M", () => {
    expect(costUsd(prices, 10_000, 500, 8_000).toFixed(8)).toBe("0.01200000");
  });

  it("charges cached tokens at the input price when the model has no cached price", () => {
    const plain = { inputPricePerMTok: "2.5", outputPricePerMTok: "10" };
    expect(costUsd(plain, 10_000, 500, 8_000).toFixed(8)).toBe(costUsd(plain, 10_000, 500).toFixed(8));
    expect(costUsd({ ...plain, cachedInputPricePerMTok: null }, 10_000, 500, 8_000).toFixed(8)).toBe("0.03000000");
  });

  it("is the plain cost without cached tokens, and never charges more cached tokens than input tokens", () => {
    expect(costUsd(prices, 10_000, 500, 0).toFixed(8)).toBe("0.03000000");
    expect(costUsd(prices, 10_000, 500).toFixed(8)).toBe("0.03000000");
    // A provider reporting more cached tokens than prompt tokens: the whole prompt counts as cached, no more.
    expect(costUsd(prices, 1_000, 0, 5_000).toFixed(8)).toBe("0.00025000");
    expect(() => costUsd(prices, 10, 0, -1)).toThrow(RangeError);
    expect(() => costUsd({ ...prices, cachedInputPricePerMTok: "-1" }, 10, 0, 5)).toThrow(RangeError);
  });
});

describe("sumCosts", () => {
  it("sums exactly", () => {
    const parts = Array.from({ length: 1000 }, () => new Prisma.Decimal("0.00000001"));
    expect(sumCosts(parts).toFixed(8)).toBe("0.00001000");
    expect(sumCosts(["0.1", "0.2"]).toFixed(8)).toBe("0.30000000");
  });
});
