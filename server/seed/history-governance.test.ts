import { describe, expect, it } from "vitest";
import { ZPolicyRecord, type TPolicyRecord, type TSentRequest } from "../governance/records.shared";
import { policy } from "../policy/policies.test-helper";
import { BASELINE, generated, generateFor, governance, type TGenerated } from "./history.test-helper";
import { BASELINE_POLICY, BASELINE_RULES } from "./seed-governance";
import { DEMO_TEMPLATES } from "./seed-workflows";

// Generated steps carry the decisions the policy engine takes on what they sent, recorded as the governance layer
// records them; nothing else.

const CALLS = new Set(["ai.llm", "ai.classifier", "tool.http"]);
type TStepRow = TGenerated["steps"][number];

const recordsOf = (s: TStepRow) => (s.policyDecisions ?? null) as TPolicyRecord[] | null;
const sentOf = (s: TStepRow) => (s.sentRequest ?? null) as TSentRequest | null;
const bodyOf = (rows: TGenerated, runId: unknown) =>
  (rows.runs.find((r) => r.id === runId)?.input as { body: { body: string } }).body.body;

/** The classifier steps of support runs whose ticket contains `text`. */
function classifySteps(rows: TGenerated, text: string): TStepRow[] {
  return rows.steps.filter(
    (s) => s.nodeId === "classify" && s.status === "SUCCEEDED" && bodyOf(rows, s.runId).includes(text),
  );
}

describe("generated policy decisions", () => {
  it.each(DEMO_TEMPLATES.map((t) => t.key))("records %s's calls as the governance layer does", async (key) => {
    const rows = await generated(key);
    let calls = 0;
    for (const s of rows.steps) {
      const records = recordsOf(s);
      const hasCalled =
        CALLS.has(s.nodeType) && s.startedAt !== null && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(s.status!);
      if (!hasCalled) {
        expect(records, `${s.nodeId} ${s.status}`).toBeNull();
        continue;
      }
      calls += 1;
      const kind = s.nodeType === "tool.http" ? "tool" : "model";
      const pre = Array.from({ length: s.attempt! }, (_, i) => [`${kind}.pre`, i + 1]);
      const post = s.status === "SUCCEEDED" ? [[`${kind}.post`, s.attempt]] : [];
      expect(records?.map((r) => [r.point, r.attempt])).toEqual([...pre, ...post]);
      for (const r of records ?? []) {
        expect(ZPolicyRecord.parse(r)).toEqual(r);
        expect(["allow", "redact"]).toContain(r.decision);
        expect(r.checked).toEqual([`policy ${BASELINE_POLICY} v1`]);
        expect(r.rules.every((rule) => rule.policyId === BASELINE.id && rule.source === "policy")).toBe(true);
      }
      expect(sentOf(s) !== null).toBe(kind === "model");
    }
    expect(calls).toBeGreaterThan(100);
    expect(rows.steps.filter((s) => s.errorCode === "POLICY")).toEqual([]);
  });

  it("redacts the PII a ticket carries before the model sees it, and says so", async () => {
    const rows = await generated("support-triage");
    const withEmail = classifySteps(rows, "@example.com");
    const withIban = classifySteps(rows, "DE89 3704 0044 0532 0130 00");
    const without = classifySteps(rows, "partnership");
    expect(withEmail.length).toBeGreaterThan(0);
    expect(withIban.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    for (const s of withEmail) {
      const records = recordsOf(s)!;
      const [pre, post] = [records[0], records.at(-1)];
      expect(pre).toMatchObject({
        point: "model.pre",
        decision: "redact",
        reason: `Redacted by policy ${BASELINE_POLICY} v1: the prompt contains 1 email address, replaced by placeholders`,
        subject: "Sandbox (simulated)/sandbox-fast",
      });
      expect(post).toMatchObject({ point: "model.post", decision: "allow", rules: [] });
      const sent = JSON.stringify(sentOf(s));
      expect(sent).toContain("My login is [EMAIL_1].");
      expect(sent).not.toMatch(/[a-z]+\.[a-z]+@example\.com/);
    }
    for (const s of withIban)
      expect(recordsOf(s)?.[0]?.reason).toContain("the prompt contains 1 IBAN, replaced by placeholders");
    for (const s of without) expect(recordsOf(s)?.[0]).toMatchObject({ decision: "allow", reason: "", rules: [] });
  });

  it("decides by the policy's document: a log action lets the address through, a deny-list stops the seed", async () => {
    const logging = policy(BASELINE_POLICY, {
      ...BASELINE_RULES,
      pii: { actions: { ...BASELINE_RULES.pii.actions, email: "log" } },
    });
    const rows = await generateFor("support-triage", governance([logging]));
    const [s] = classifySteps(rows, "@example.com");
    expect(recordsOf(s!)?.[0]).toMatchObject({
      decision: "allow",
      rules: [
        { note: "logged", message: `Logged by policy ${BASELINE_POLICY} v1: the prompt contains 1 email address` },
      ],
    });
    expect(JSON.stringify(sentOf(s!))).toMatch(/My login is [a-z]+\.[a-z]+@example\.com\./);

    const strict = policy("Strict", { models: { deny: { models: ["sandbox-smart"] } } });
    await expect(generateFor("fraud-triage", governance([strict]))).rejects.toThrow(
      'Cannot generate demo history for step "score": Blocked by policy Strict v1: model sandbox-smart is on the deny-list',
    );
  });

  it("gives a retried model step a pre decision for each attempt, and a route's fallback the model that answered", async () => {
    const fraud = await generated("fraud-triage");
    const retried = fraud.steps.find((s) => s.nodeId === "score" && s.attempt === 2 && s.status === "SUCCEEDED");
    expect(recordsOf(retried!)?.map((r) => `${r.point}#${r.attempt}`)).toEqual([
      "model.pre#1",
      "model.pre#2",
      "model.post#2",
    ]);
    const support = await generated("support-triage");
    const fellBack = support.steps.find(
      (s) => s.nodeId === "draft" && s.model === "sandbox-fast" && s.status === "SUCCEEDED",
    );
    expect(fellBack?.attempt).toBe(1);
    expect(recordsOf(fellBack!)?.map((r) => r.subject)).toEqual([
      "Sandbox (simulated)/sandbox-smart",
      "Sandbox (simulated)/sandbox-fast",
    ]);
  });
});
