import { describe, expect, it } from "vitest";
import { usd } from "./policy-hold-summary";

describe("usd", () => {
  it("drops trailing zeros of the stored decimals, keeping cents", () => {
    expect(usd("0.00069000")).toBe("$0.00069");
    expect(usd("12.50000000")).toBe("$12.50");
    expect(usd("3")).toBe("$3.00");
  });
});
