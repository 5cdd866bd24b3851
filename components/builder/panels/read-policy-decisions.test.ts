import { describe, expect, it } from "vitest";
import { readPolicyDecisions } from "./read-policy-decisions";

describe("readPolicyDecisions", () => {
  it("reads the stored pre/post decisions with their reasons", () => {
    const views = readPolicyDecisions([
      {
        point: "pre",
        policy: "Baseline governance",
        decision: "allow",
        reasons: ["model gpt-4o-mini is on the allow-list", "within the team budget"],
      },
      { point: "post", policy: "PII guard", decision: "redact", reasons: [{ message: "2 email addresses masked" }] },
      { point: "pre", policyName: "Spend cap", action: "deny", reason: "the monthly budget is spent" },
    ]);
    expect(views).toEqual([
      {
        point: "Before the step",
        policy: "Baseline governance",
        decision: "Allow",
        tone: "green",
        reasons: ["model gpt-4o-mini is on the allow-list", "within the team budget"],
      },
      { point: "After the step", policy: "PII guard", decision: "Redact", tone: "amber", reasons: ["2 email addresses masked"] },
      { point: "Before the step", policy: "Spend cap", decision: "Deny", tone: "red", reasons: ["the monthly budget is spent"] },
    ]);
  });

  it("accepts a single decision object and humanizes codes", () => {
    expect(readPolicyDecisions({ decision: "require_approval", reasons: "amount over 10,000" })).toEqual([
      { point: null, policy: "Policy", decision: "Require approval", tone: "amber", reasons: ["amount over 10,000"] },
    ]);
  });

  it("has no decisions for null, and refuses shapes it cannot read so the caller shows raw JSON", () => {
    expect(readPolicyDecisions(null)).toEqual([]);
    expect(readPolicyDecisions(undefined)).toEqual([]);
    expect(readPolicyDecisions([])).toEqual([]);
    expect(readPolicyDecisions([{ policy: "x" }])).toBeNull();
    expect(readPolicyDecisions("allowed")).toBeNull();
    expect(readPolicyDecisions([{ decision: 3 }])).toBeNull();
  });
});
