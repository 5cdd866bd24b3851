import { describe, expect, it } from "vitest";
import { sampleFromScope } from "./sample-input";

describe("sampleFromScope", () => {
  it("suggests the body of the last run's input, whatever the trigger added around it", () => {
    const body = { ticketId: "T-1", subject: "Charged twice" };
    expect(
      sampleFromScope({ trigger: { body, headers: { "content-type": "application/json" }, query: {} }, nodes: {} }),
    ).toEqual(body);
    expect(sampleFromScope({ trigger: { body: "plain text", isTest: true }, nodes: {} })).toBe("plain text");
  });

  it("has nothing to suggest without an earlier run or a body in it", () => {
    expect(sampleFromScope(null)).toBeNull();
    expect(sampleFromScope({ trigger: {}, nodes: {} })).toBeNull();
    expect(sampleFromScope({ trigger: null, nodes: {} })).toBeNull();
    expect(sampleFromScope({ trigger: [1, 2], nodes: {} })).toBeNull();
  });
});
