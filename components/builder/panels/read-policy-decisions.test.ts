import { describe, expect, it } from "vitest";
import type { TPolicyRecord } from "@/server/governance/records.shared";
import { readPolicyDecisions } from "./read-policy-decisions";

const rule = (message: string, outcome: TPolicyRecord["decision"], extra: Partial<TPolicyRecord["rules"][number]> = {}) => ({
  kind: "pii" as const,
  outcome,
  reason: message,
  message,
  source: "policy" as const,
  policyId: "p1",
  policyName: "Baseline governance",
  policyVersion: 3,
  ...extra,
});

const record = (extra: Partial<TPolicyRecord>): TPolicyRecord => ({
  point: "model.pre",
  at: "2026-12-07T10:00:00.000Z",
  attempt: 1,
  decision: "allow",
  reason: "",
  rules: [],
  subject: "OpenAI/gpt-4o-mini",
  checked: ["policy Baseline governance v3"],
  ...extra,
});

describe("readPolicyDecisions", () => {
  it("reads the engine's records: point, subject, verdict, every rule's sentence, what was checked, the approval", () => {
    const views = readPolicyDecisions([
      record({}),
      record({
        decision: "redact",
        reason: "Redacted by policy Baseline governance v3: the prompt contains 1 email address, replaced by placeholders",
        rules: [rule("Redacted by policy Baseline governance v3: the prompt contains 1 email address, replaced by placeholders", "redact")],
      }),
      record({
        point: "tool.pre",
        subject: "HTTP cases.example.com",
        decision: "require_approval",
        reason: "Approval required by policy Large amounts v1: the condition trigger.body.amount > 10000 holds",
        rules: [rule("Approval required by policy Large amounts v1: the condition trigger.body.amount > 10000 holds", "require_approval", { kind: "approvalWhen" as never })],
        approval: { decision: "approved", by: "Ann", comment: "known customer" },
      }),
      record({ point: "model.post", decision: "block", attempt: 2, rules: [rule('Blocked by budget "Tiny": it would be exceeded', "block", { source: "budget", policyVersion: null })] }),
    ]);
    expect(views).toEqual([
      { point: "Before the model call", subject: "OpenAI/gpt-4o-mini", decision: "Allowed", tone: "green", rules: [], checked: ["policy Baseline governance v3"], approval: null, attempt: 1 },
      {
        point: "Before the model call",
        subject: "OpenAI/gpt-4o-mini",
        decision: "Redacted",
        tone: "amber",
        rules: ["Redacted by policy Baseline governance v3: the prompt contains 1 email address, replaced by placeholders"],
        checked: ["policy Baseline governance v3"],
        approval: null,
        attempt: 1,
      },
      {
        point: "Before the tool call",
        subject: "HTTP cases.example.com",
        decision: "Approval required",
        tone: "amber",
        rules: ["Approval required by policy Large amounts v1: the condition trigger.body.amount > 10000 holds"],
        checked: ["policy Baseline governance v3"],
        approval: "Approved by Ann: “known customer”",
        attempt: 1,
      },
      {
        point: "After the model call",
        subject: "OpenAI/gpt-4o-mini",
        decision: "Blocked",
        tone: "red",
        rules: ['Blocked by budget "Tiny": it would be exceeded'],
        checked: ["policy Baseline governance v3"],
        approval: null,
        attempt: 2,
      },
    ]);
  });

  it("says when approvals given earlier in the run let the call through, naming each step", () => {
    const held = (earlier: NonNullable<TPolicyRecord["approval"]>["earlier"]) =>
      record({ decision: "require_approval", approval: { decision: "approved", by: "ann@example.com", comment: "known customer", earlier } });
    const views = readPolicyDecisions([
      held([{ approvalId: "ap_1", nodeId: "classify", iterationKey: "", by: "ann@example.com", comment: "known customer" }]),
      held([
        { approvalId: "ap_1", nodeId: "classify", iterationKey: "", by: "ann@example.com", comment: "known customer" },
        { approvalId: "ap_2", nodeId: "enrich", iterationKey: "2", by: null, comment: null },
      ]),
    ]);
    expect(views?.map((v) => v.approval)).toEqual([
      'Approved earlier in this run by ann@example.com (step "classify"): “known customer”',
      'Approved earlier in this run by ann@example.com (step "classify") and by an approver no longer known (step "enrich", iteration 2)',
    ]);
  });

  it("has no decisions for null, and refuses shapes it cannot read so the caller shows raw JSON", () => {
    expect(readPolicyDecisions(null)).toEqual([]);
    expect(readPolicyDecisions(undefined)).toEqual([]);
    expect(readPolicyDecisions([])).toEqual([]);
    // The seed's earlier invented shape.
    expect(readPolicyDecisions([{ point: "pre", policy: "Baseline governance", decision: "allow", reasons: ["within the team budget"] }])).toBeNull();
    expect(readPolicyDecisions("allowed")).toBeNull();
  });
});
