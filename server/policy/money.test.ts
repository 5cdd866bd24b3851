import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatUsd, parseUsd } from "./money";

describe("money", () => {
  it("parses and formats exactly", () => {
    expect(parseUsd("12.5")).toBe(1_250_000_000n);
    expect(parseUsd("0.00000001")).toBe(1n);
    expect(formatUsd(parseUsd("0.0125"))).toBe("$0.0125");
    expect(formatUsd(parseUsd("50"))).toBe("$50.00");
    expect(() => parseUsd("1e3")).toThrow('Not an amount in US dollars: "1e3"');
  });

  it("property: amounts add exactly, without floating-point drift", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
        expect(parseUsd(`0.${String(a).padStart(8, "0")}`) + parseUsd(`0.${String(b).padStart(8, "0")}`)).toBe(BigInt(a + b));
      }),
    );
  });
});
