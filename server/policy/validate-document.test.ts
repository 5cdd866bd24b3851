import { describe, expect, it } from "vitest";
import { formatProblems, validatePolicyDocument } from "./validate-document";

const problemsOf = (candidate: unknown) => {
  const r = validatePolicyDocument(candidate);
  return r.isValid ? [] : r.problems;
};

describe("validatePolicyDocument", () => {
  it("accepts a full document and fills the defaults", () => {
    const r = validatePolicyDocument({
      recordPrompts: "hash",
      models: { allow: { models: ["gpt-4o"] }, deny: { providers: ["x"] }, classifications: { confidential: { regions: ["eu"] } } },
      pii: { actions: { email: "redact", card: "block", ip_address: "log" } },
      content: { blockedTerms: ["project zeus"], patterns: [{ pattern: "\\bsecret\\b", flags: "i" }], maxCostPerCallUsd: "0.05" },
      tools: { http: [{ hosts: ["api.example.com", "*.example.org"], roles: ["builder"] }], mcp: [{ server: "files" }] },
      approvalWhen: { condition: "trigger.body.amount > 10000", piiTypes: ["iban"], projectedCostOverUsd: "1", agentRiskClasses: ["high"] },
    });
    expect(r.isValid).toBe(true);
    if (r.isValid) {
      expect(r.document.pii?.appliesTo).toEqual(["prompt", "completion"]);
      expect(r.document.pii).toMatchObject({ maskAtRest: false, revealRoles: ["admin"], restoreIn: ["output", "approval"] });
      expect(r.document.content?.action).toBe("block");
    }
  });

  it("names the path and the problem in words", () => {
    expect(problemsOf({ modles: {} })).toEqual([{ path: "(document)", message: 'has unknown field "modles"' }]);
    expect(problemsOf({ pii: { actions: { email: "hide" } } })).toEqual([
      { path: "pii.actions.email", message: 'must be one of "redact", "block", "log", not "hide"' },
    ]);
    expect(problemsOf({ models: { allow: { models: "gpt-4o" } } })).toEqual([
      { path: "models.allow.models", message: "must be a list, not text" },
    ]);
    expect(problemsOf({ content: { maxPromptTokens: 1.5 } })).toEqual([
      { path: "content.maxPromptTokens", message: "must be a whole number, not 1.5" },
    ]);
    expect(problemsOf({ budget: { onExceeded: "block" } })).toEqual([{ path: "(document)", message: 'has unknown field "budget"' }]);
    expect(problemsOf({ recordPrompts: "some" })).toEqual([
      { path: "recordPrompts", message: 'must be one of "full", "hash", "none", not "some"' },
    ]);
    expect(problemsOf("policy")).toEqual([{ path: "(document)", message: "must be an object, not text" }]);
  });

  it("approvalWhen.per accepts only run and call; a document that does not say is left without it (read as run)", () => {
    for (const per of ["run", "call"]) expect(problemsOf({ approvalWhen: { condition: "true", per } })).toEqual([]);
    expect(problemsOf({ approvalWhen: { condition: "true", per: "step" } })).toEqual([
      { path: "approvalWhen.per", message: 'must be one of "run", "call", not "step"' },
    ]);
    expect(problemsOf({ approvalWhen: { per: 1 } })).toEqual([{ path: "approvalWhen.per", message: 'must be one of "run", "call", not 1' }]);
    const r = validatePolicyDocument({ approvalWhen: { condition: "true" } });
    expect(r.isValid && r.document.approvalWhen).toEqual({ condition: "true" });
  });

  it("counts in English: one entry, several entries, characters", () => {
    expect(problemsOf({ tools: { http: [{ hosts: [] }] }, pii: { actions: {}, appliesTo: [] } })).toEqual([
      { path: "pii.appliesTo", message: "must have at least 1 entry" },
      { path: "tools.http[0].hosts", message: "must have at least 1 entry" },
    ]);
    const problems = problemsOf({ content: { patterns: [{ pattern: "x", flags: "imsuu" }], maxPromptTokens: 20_000_000 } });
    expect(problems).toContainEqual({ path: "content.patterns[0].flags", message: "must have at most 4 characters" });
    expect(problems).toContainEqual({ path: "content.maxPromptTokens", message: "must be at most 10,000,000" });
    expect(problemsOf({ content: { maxPromptTokens: "many" } })).toEqual([{ path: "content.maxPromptTokens", message: "must be a number, not text" }]);
  });

  it("refuses broken JSONata and catastrophic or invalid patterns with the exact message", () => {
    const problems = problemsOf({
      approvalWhen: { condition: "trigger.body.amount >" },
      content: { patterns: [{ pattern: "(a+)+$" }, { pattern: "(x)\\1" }, { pattern: "ok", flags: "gi" }] },
    });
    expect(formatProblems(problems)).toBe(
      [
        "content.patterns[0].pattern: Pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition",
        "content.patterns[1].pattern: Pattern uses a backreference (like \\1 or \\k<name>), which can take exponential time; rewrite it without one",
        'content.patterns[2].flags: Flag "g" is not allowed; allowed flags are i, m, s, u',
        "approvalWhen.condition: Condition is not a valid JSONata expression: Unexpected end of expression at position 21",
      ].join("\n"),
    );
  });
});
