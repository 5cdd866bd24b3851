import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluatePost, evaluatePre } from "./evaluate";
import { policy, preInput } from "./policies.test-helper";
import { createVault, restore } from "./pii/redact";
import { restoreJson } from "./pii/redact-json";
import { PII_TYPES } from "./pii/types";

const messages = (content: string) => ({ messages: [{ role: "user", content }] });

describe("evaluatePre: models", () => {
  it("allows when no rule fires", async () => {
    const d = await evaluatePre(preInput(), [policy("Baseline governance", { models: { allow: { models: ["gpt-4o-mini"] } } })]);
    expect(d).toEqual({ decision: "allow", rules: [], reason: "" });
  });

  it("blocks a model outside the allow-list, naming policy, version and the list", async () => {
    const p = policy("Baseline governance", { models: { allow: { models: ["claude-3-5-haiku", "gpt-4o-mini", "gemini-2.0-flash"] } } }, { kind: "org" }, 3);
    const d = await evaluatePre(preInput({ model: { name: "gpt-4o", provider: "openai", region: "us" } }), [p]);
    expect(d.decision).toBe("block");
    expect(d.reason).toBe(
      "Blocked by policy Baseline governance v3: model gpt-4o is not on the allow-list (allowed: claude-3-5-haiku, gpt-4o-mini and gemini-2.0-flash)",
    );
    expect(d.rules).toEqual([
      expect.objectContaining({ policyId: "id-Baseline governance", policyName: "Baseline governance", policyVersion: 3, kind: "models", outcome: "block" }),
    ]);
  });

  it("deny-lists, regions and the data classification", async () => {
    const p = policy("P", {
      models: { deny: { providers: ["acme"] }, classifications: { confidential: { regions: ["eu"] } } },
    });
    const confidential = { dataClassification: "confidential" as const };
    expect((await evaluatePre(preInput({ model: { name: "m", provider: "acme", region: "eu" } }), [p])).reason).toBe(
      "Blocked by policy P v1: provider acme is on the deny-list",
    );
    expect((await evaluatePre(preInput(confidential), [p])).reason).toBe(
      "Blocked by policy P v1: confidential workflows may only use regions eu; model gpt-4o-mini is region us",
    );
    expect((await evaluatePre(preInput({ ...confidential, model: { name: "m", provider: "self", region: null } }), [p])).reason).toBe(
      "Blocked by policy P v1: confidential workflows may only use regions eu; model m has no known region",
    );
    expect((await evaluatePre(preInput({ ...confidential, model: { name: "m", provider: "self", region: "eu" } }), [p])).decision).toBe("allow");
    expect((await evaluatePre(preInput({ dataClassification: "internal" }), [p])).decision).toBe("allow");
  });
});

describe("scope narrowing: several policies", () => {
  const org = policy("Org", { models: { allow: { models: ["a", "b", "c"] } } });
  const team = policy("Team", { models: { allow: { models: ["b", "c", "d"] } } }, { kind: "team", teamId: "team-risk" });
  const run = (name: string, policies = [org, team]) => evaluatePre(preInput({ model: { name, provider: "p" } }), policies);

  it("allow-lists intersect: org a, b, c and team b, c, d leave b and c", async () => {
    expect((await run("b")).decision).toBe("allow");
    expect((await run("c")).decision).toBe("allow");
    expect((await run("a")).reason).toBe("Blocked by policy Team v1: model a is not on the allow-list (allowed: b, c and d)");
    expect((await run("d")).reason).toBe("Blocked by policy Org v1: model d is not on the allow-list (allowed: a, b and c)");
    expect((await run("e")).rules.map((r) => r.policyName)).toEqual(["Org", "Team"]);
  });

  it("disjoint allow-lists leave nothing", async () => {
    const other = policy("Team", { models: { allow: { models: ["x", "y"] } } }, { kind: "team", teamId: "team-risk" });
    for (const name of ["a", "b", "c", "x", "y"]) expect((await run(name, [org, other])).decision).toBe("block");
  });

  it("property: a model runs only when every allow-list has it, whatever the order of the policies", async () => {
    const names = fc.constantFrom("a", "b", "c", "d", "e");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uniqueArray(names, { minLength: 1 }), { minLength: 1, maxLength: 4 }), names, async (lists, model) => {
        const policies = lists.map((models, i) => policy(`P${i}`, { models: { allow: { models } } }));
        const d = await evaluatePre(preInput({ model: { name: model, provider: "p" } }), policies);
        const reversed = await evaluatePre(preInput({ model: { name: model, provider: "p" } }), [...policies].reverse());
        expect(d.decision).toBe(lists.every((l) => l.includes(model)) ? "allow" : "block");
        expect(reversed.decision).toBe(d.decision);
      }),
    );
  });

  it("an org PII redact cannot be weakened to log by a team policy", async () => {
    const orgPii = policy("Org", { pii: { actions: { email: "redact" } } });
    const teamPii = policy("Team", { pii: { actions: { email: "log" } } }, { kind: "team", teamId: "team-risk" });
    const d = await evaluatePre(preInput({ payload: messages("write to jane.doe@example.com") }), [orgPii, teamPii]);
    expect(d.decision).toBe("redact");
    expect(d.redactedPayload).toEqual(messages("write to [EMAIL_1]"));
    expect(d.rules.map((r) => r.message)).toEqual([
      "Redacted by policy Org v1: the prompt contains 1 email address, replaced by placeholders",
      "Logged by policy Team v1: the prompt contains 1 email address",
    ]);
  });

  it("property: each PII type gets the strongest action any policy gives it", async () => {
    const action = fc.constantFrom("redact", "block", "log");
    const rank = { log: 0, redact: 1, block: 2 } as const;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 4 }), async (actions) => {
        const policies = actions.map((a, i) => policy(`P${i}`, { pii: { actions: { card: a } } }));
        const d = await evaluatePre(preInput({ payload: "card 4111 1111 1111 1111" }), policies);
        const strongest = actions.reduce((x, y) => (rank[y] > rank[x] ? y : x));
        expect(d.decision).toBe({ log: "allow", redact: "redact", block: "block" }[strongest]);
        if (d.decision === "redact") expect(d.redactedPayload).toBe("card [CARD_1]");
        if (d.decision === "block") expect(d.redactedPayload).toBeUndefined();
      }),
    );
  });
});

describe("evaluatePre: PII", () => {
  const p = policy("Baseline governance", {
    pii: { actions: { email: "redact", phone: "redact", card: "redact", iban: "redact", us_ssn: "redact", ip_address: "log", secret: "block" } },
  });

  it("redacts the payload with stable placeholders into the run's vault, restorable afterwards", async () => {
    const vault = createVault();
    const payload = messages("Refund 4111 1111 1111 1111 for jane.doe@example.com, +1 415 555 0132; again jane.doe@example.com");
    const d = await evaluatePre(preInput({ payload, vault }), [p]);
    expect(d.decision).toBe("redact");
    expect(d.redactedPayload).toEqual(messages("Refund [CARD_1] for [EMAIL_1], [PHONE_1]; again [EMAIL_1]"));
    expect(d.vault).toBe(vault);
    expect(restoreJson(d.redactedPayload, vault)).toEqual(payload);
    expect(d.reason).toBe(
      "Redacted by policy Baseline governance v1: the prompt contains 2 email addresses, 1 phone number and 1 payment card number, replaced by placeholders",
    );
  });

  it("blocks a secret, and sends nothing redacted along", async () => {
    const d = await evaluatePre(preInput({ payload: "key sk_live_4eC39HqLyjWDarjtT1zdp7dc and jane.doe@example.com" }), [p]);
    expect(d.decision).toBe("block");
    expect(d.reason).toBe("Blocked by policy Baseline governance v1: the prompt contains 1 API key or secret");
    expect(d.redactedPayload).toBeUndefined();
  });

  it("property: no value of a redacted type reaches the redacted payload", async () => {
    const samples = ["jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "123-45-6789"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...samples), { minLength: 1, maxLength: 6 }), fc.string({ unit: fc.constantFrom(..."ab ,"), maxLength: 10 }), async (pii, sep) => {
        const text = pii.join(` ${sep} `);
        const vault = createVault();
        const d = await evaluatePre(preInput({ payload: { nested: [{ text }] }, vault }), [p]);
        const sent = JSON.stringify(d.redactedPayload);
        for (const value of pii) expect(sent).not.toContain(value);
        expect(restore(sent, vault)).toBe(JSON.stringify({ nested: [{ text }] }));
      }),
    );
  });
});

describe("evaluatePre: content, tools, budget, approval", () => {
  it("content: blocked terms, patterns, token and cost limits, with the rule's action", async () => {
    const p = policy("Content", {
      content: {
        blockedTerms: ["Project Zeus"],
        patterns: [{ pattern: "\\binternal only\\b", flags: "i", label: "internal marking" }],
        maxPromptTokens: 1000,
        maxCostPerCallUsd: "0.01",
        action: "require_approval",
      },
    });
    const d = await evaluatePre(
      preInput({ payload: messages("About project zeus (INTERNAL ONLY)"), projected: { promptTokens: 1200, completionTokens: 500, costUsd: "0.0125" } }),
      [p],
    );
    expect(d.decision).toBe("require_approval");
    expect(d.rules.map((r) => r.message)).toEqual([
      'Approval required by policy Content v1: the prompt contains the blocked term "Project Zeus"',
      'Approval required by policy Content v1: the prompt matches the blocked pattern "internal marking"',
      "Approval required by policy Content v1: the prompt has 1200 tokens; the limit is 1000",
      "Approval required by policy Content v1: the call is projected at $0.0125; the limit per call is $0.01",
    ]);
  });

  it("tools: HTTP hosts and MCP tools per workflow, team and role", async () => {
    const p = policy("Tools", {
      tools: {
        http: [{ hosts: ["*.example.com"], roles: ["builder"] }, { hosts: ["api.partner.io"], workflows: ["wf-2"] }],
        mcp: [{ server: "files", tools: ["read"], teams: ["team-risk"] }],
      },
    });
    const http = (host: string, role: "builder" | "viewer" = "builder") =>
      evaluatePre(preInput({ toolCall: { kind: "http", host }, actor: { kind: "user", id: "u", role } }), [p]);
    expect((await http("cases.example.com")).decision).toBe("allow");
    expect((await http("example.com")).reason).toBe(
      "Blocked by policy Tools v1: HTTP host example.com is not allowed for this workflow, team and role (allowed: *.example.com)",
    );
    expect((await http("api.partner.io")).decision).toBe("block");
    expect((await http("cases.example.com", "viewer")).reason).toBe(
      "Blocked by policy Tools v1: HTTP host cases.example.com is not allowed: no HTTP host is granted to this workflow, team and role",
    );
    const mcp = (tool: string, teamId = "team-risk") => evaluatePre(preInput({ teamId, toolCall: { kind: "mcp", server: "files", tool } }), [p]);
    expect((await mcp("read")).decision).toBe("allow");
    expect((await mcp("write")).reason).toBe("Blocked by policy Tools v1: MCP tool write of server files is not allowed (allowed: read)");
    expect((await mcp("read", "team-care")).reason).toBe("Blocked by policy Tools v1: MCP server files is not granted to this workflow, team and role");
  });

  it("budget: warns at the threshold, applies the budget's own action past the amount, exactly in decimal", async () => {
    const budget = {
      id: "b1", name: "Risk Operations monthly", amountUsd: "0.0001", spentUsd: "0", reservedUsd: "0", warnAt: 0.8, onExceeded: "block" as const,
    };
    const d = await evaluatePre(preInput({ budgets: [budget], projected: { costUsd: "0.0125" } }), []);
    expect(d.reason).toBe(
      'Blocked by budget "Risk Operations monthly": it would be exceeded ($0.00 spent and $0.00 reserved of $0.0001, this call is projected at $0.0125)',
    );
    expect(d.rules[0]).toMatchObject({ source: "budget", policyId: "b1", policyVersion: null, kind: "budget" });
    const fifty = { ...budget, amountUsd: "50", spentUsd: "39.9", reservedUsd: "0.05" };
    const warned = await evaluatePre(preInput({ budgets: [fifty], projected: { costUsd: "0.05" } }), []);
    expect(warned.decision).toBe("allow");
    expect(warned.rules.map((r) => r.message)).toEqual([
      'Warning from budget "Risk Operations monthly": it is at 80 % with this call ($39.90 spent and $0.05 reserved of $50.00, this call is projected at $0.05)',
    ]);
    const exact = { ...fifty, spentUsd: "49.95", reservedUsd: "0" };
    expect((await evaluatePre(preInput({ budgets: [exact], projected: { costUsd: "0.05" } }), [])).decision).toBe("allow");
    expect((await evaluatePre(preInput({ budgets: [exact], projected: { costUsd: "0.05000001" } }), [])).decision).toBe("block");
    const approval = { ...budget, onExceeded: "require_approval" as const };
    expect((await evaluatePre(preInput({ budgets: [approval], projected: { costUsd: "0.0125" } }), [])).decision).toBe("require_approval");
    const downgrade = { ...budget, onExceeded: "downgrade" as const, downgradeTo: "gpt-4o-mini" };
    const down = await evaluatePre(preInput({ budgets: [downgrade], projected: { costUsd: "0.0125" } }), []);
    expect(down).toMatchObject({ decision: "allow", downgradeTo: "gpt-4o-mini" });
    expect(down.rules[0]!.message).toMatch(/^Downgraded by budget "Risk Operations monthly": .*; using gpt-4o-mini instead$/);
  });

  it("approval: JSONata condition, PII types, projected cost, agent risk class; an unevaluable condition holds the step", async () => {
    const p = policy("Approvals", {
      approvalWhen: { condition: "trigger.body.amount > 10000", piiTypes: ["iban"], projectedCostOverUsd: "1", agentRiskClasses: ["high"] },
    });
    const small = await evaluatePre(preInput({ conditionScope: { trigger: { body: { amount: 50 } } } }), [p]);
    expect(small.decision).toBe("allow");
    const big = await evaluatePre(
      preInput({
        conditionScope: { trigger: { body: { amount: 20000 } } },
        payload: "pay DE89 3704 0044 0532 0130 00",
        projected: { costUsd: "1.5" },
        actor: { kind: "agent", id: "ag", riskClass: "high" },
      }),
      [p],
    );
    expect(big.rules.map((r) => r.message)).toEqual([
      "Approval required by policy Approvals v1: the condition trigger.body.amount > 10000 holds",
      "Approval required by policy Approvals v1: the prompt contains 1 IBAN",
      "Approval required by policy Approvals v1: the call is projected at $1.50, above $1.00",
      "Approval required by policy Approvals v1: an agent of risk class high acts",
    ]);
    const failing = policy("Approvals", { approvalWhen: { condition: "$number(trigger.body.amount) > 1" } });
    const d = await evaluatePre(preInput({ conditionScope: { trigger: { body: { amount: "ten" } } } }), [failing]);
    expect(d.decision).toBe("require_approval");
    const endless = policy("Approvals", { approvalWhen: { condition: "$count([1..10000000]) > 0" } });
    expect((await evaluatePre(preInput(), [endless])).reason).toMatch(
      /^Approval required by policy Approvals v1: the condition .* could not be evaluated \(.*sequence.*\)$/i,
    );
    expect(d.reason).toMatch(/^Approval required by policy Approvals v1: the condition \$number\(trigger\.body\.amount\) > 1 could not be evaluated \(.+\)$/);
  });

  it("the strictest outcome decides; every fired rule is listed", async () => {
    const policies = [
      policy("Org", { pii: { actions: { email: "redact" } }, approvalWhen: { projectedCostOverUsd: "0.001" } }),
      policy("Team", { models: { deny: { models: ["gpt-4o-mini"] } } }, { kind: "team", teamId: "team-risk" }),
    ];
    const d = await evaluatePre(preInput({ payload: "jane.doe@example.com", projected: { costUsd: "0.01" } }), policies);
    expect(d.decision).toBe("block");
    expect(d.reason).toBe("Blocked by policy Team v1: model gpt-4o-mini is on the deny-list");
    expect(d.rules.map((r) => r.outcome)).toEqual(["redact", "require_approval", "block"]);
    expect(d.redactedPayload).toBeUndefined();
  });
});

describe("evaluatePost", () => {
  it("redacts new PII in the output into the same vault", async () => {
    const vault = createVault();
    const p = policy("P", { pii: { actions: { email: "redact" } } });
    await evaluatePre(preInput({ payload: "ask jane.doe@example.com", vault }), [p]);
    const d = await evaluatePost({ ...preInput(), vault, output: { text: "I wrote to [EMAIL_1] and bob@example.org" } }, [p]);
    expect(d.decision).toBe("redact");
    expect(d.redactedPayload).toEqual({ text: "I wrote to [EMAIL_1] and [EMAIL_2]" });
    expect(d.reason).toBe("Redacted by policy P v1: the output contains 1 email address, replaced by placeholders");
    expect(restoreJson(d.redactedPayload, vault)).toEqual({ text: "I wrote to jane.doe@example.com and bob@example.org" });
  });

  it("checks the output's content and what the call actually cost", async () => {
    const p = policy("P", { content: { blockedTerms: ["guaranteed returns"], maxCompletionTokens: 100, maxCostPerCallUsd: "0.01" } });
    const d = await evaluatePost(
      { ...preInput(), output: "Guaranteed returns!", actual: { costUsd: "0.02", completionTokens: 120 } },
      [p],
    );
    expect(d.decision).toBe("block");
    expect(d.rules.map((r) => r.message)).toEqual([
      'Blocked by policy P v1: the output contains the blocked term "guaranteed returns"',
      "Blocked by policy P v1: the call used 120 completion tokens; the limit is 100",
      "Blocked by policy P v1: the call cost $0.02; the limit per call is $0.01",
    ]);
  });

  it("a policy whose PII rule applies to prompts only leaves outputs alone", async () => {
    const p = policy("P", { pii: { actions: { email: "block" }, appliesTo: ["prompt"] } });
    expect((await evaluatePost({ ...preInput(), output: "jane.doe@example.com" }, [p])).decision).toBe("allow");
  });

  it("every PII type can be given an action", async () => {
    const actions = Object.fromEntries(PII_TYPES.map((t) => [t, "log"]));
    expect((await evaluatePost({ ...preInput(), output: "nothing" }, [policy("P", { pii: { actions } })])).decision).toBe("allow");
  });
});
