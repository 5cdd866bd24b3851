import { describe, expect, it } from "vitest";
import { readPolicyHold } from "./policy-hold.shared";

describe("readPolicyHold", () => {
  it("reads the details the governance layer writes", () => {
    const details = {
      kind: "policy",
      reason: "Large payments v1: approval required because the condition trigger.body.transaction.amount > 10000 holds",
      rules: ["Large payments v1: approval required because the condition holds"],
      subject: "Sandbox (simulated)/sandbox-fast",
      projectedCostUsd: "0.00012",
    };
    expect(readPolicyHold(details)).toEqual({
      reason: details.reason,
      rules: details.rules,
      subject: details.subject,
      projectedCostUsd: "0.00012",
      coversLaterCalls: false,
    });
    const holds = [{ policyId: "p1", policyVersion: 1, per: "run", criteria: ["condition"] }];
    expect(readPolicyHold({ ...details, holds })?.coversLaterCalls).toBe(true);
    expect(readPolicyHold({ ...details, holds: [{ ...holds[0], per: "call" }] })?.coversLaterCalls).toBe(false);
  });

  it("is null for a Human Approval node's details and for anything unreadable", () => {
    expect(readPolicyHold({ amount: 12, reason: "High risk" })).toBeNull();
    expect(readPolicyHold({ kind: "policy" })).toBeNull();
    expect(readPolicyHold(null)).toBeNull();
    expect(readPolicyHold("policy")).toBeNull();
  });

  it("keeps the reason when the rules or the subject have an unexpected shape", () => {
    expect(readPolicyHold({ kind: "policy", reason: "Held", rules: "nope", subject: 5 })).toEqual({
      reason: "Held",
      rules: [],
      subject: "",
      projectedCostUsd: null,
      coversLaterCalls: false,
    });
  });
});
