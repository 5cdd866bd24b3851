import { describe, expect, it } from "vitest";
import { priceText } from "./price-text";

describe("priceText", () => {
  it("shows a stored price exactly, with at least two decimals", () => {
    expect(priceText("0.125")).toBe("$0.125");
    expect(priceText("0.000001")).toBe("$0.000001");
    expect(priceText("2.5")).toBe("$2.50");
    expect(priceText("10")).toBe("$10.00");
    expect(priceText("1250")).toBe("$1,250.00");
    expect(priceText(null)).toBe("—");
  });
});
