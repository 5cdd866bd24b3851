import { Prisma } from "@/server/db/generated/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { createModelFixtures, type TModelFixtures } from "../gateway/test-fixtures";
import { AppError } from "../errors";
import { createPolicy } from "./create-policy";
import { savePolicyDraft } from "./policy-draft";
import { simulatePolicy } from "./simulate-policy";
import type { TSimulation } from "./simulation.shared";

// Runs made by the real engine (worker, Postgres, Redis, loopback model and HTTP stubs), then simulated.

let h: THarness;
let llm: TLlmStub;
let http: THttpStub;
let f: TModelFixtures;
let main: string;
let other: string;
const runs = { small: "", large: "", leaky: "", old: "", elsewhere: "" };

const APPROVAL_AND_PII = { approvalWhen: { condition: "trigger.body.amount > 10000" }, pii: { actions: { email: "redact" } } };

beforeAll(async () => {
  [h, llm, http] = await Promise.all([startHarness("simulate"), startLlmStub(), startHttpStub()]);
  f = await createModelFixtures(h.t.db, { primaryUrl: llm.baseUrl, backupUrl: llm.baseUrl });
  await h.t.db.model.update({ where: { id: f.primaryModelId }, data: { region: "us" } });
  const g = graph(
    {
      t: { type: "trigger.manual" },
      ask: { type: "ai.llm", config: { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Write to {{ trigger.body.email }}" } },
      call: { type: "tool.http", config: { method: "GET", url: `${http.url}/ok` } },
      out: { type: "control.output", config: { value: "nodes.ask.output.text" } },
    },
    ["t>ask", "ask>call", "call>out"],
  );
  main = await h.publish(g, { name: "Refunds" });
  other = await h.publish(g, { name: "Other" });
  const run = async (key: keyof typeof runs, workflowId: string, body: unknown) => {
    runs[key] = await h.start(workflowId, body);
    expect(await h.waitFor(runs[key])).toMatchObject({ status: "SUCCEEDED" });
  };
  await run("small", main, { amount: 50, email: "ann@example.com" });
  await run("large", main, { amount: 20_000, email: "bob@example.com" });
  llm.setHandler(() => ({ content: "Reach me at carol@example.com", usage: { prompt_tokens: 9, completion_tokens: 4 } }));
  await run("leaky", main, { amount: 10, email: "" });
  llm.reset();
  await run("old", main, { amount: 30_000 });
  await run("elsewhere", other, { amount: 99_999, email: "dan@example.com" });
  // What the engine records as sent (StepRun.sentRequest) for model steps; the "old" run predates it.
  for (const key of ["small", "large", "leaky", "elsewhere"] as const) {
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId: runs[key], nodeId: "ask" } });
    const input = (await h.t.db.run.findUniqueOrThrow({ where: { id: runs[key] } })).input as { body: { email: string } };
    await h.t.db.stepRun.update({
      where: { id: step.id },
      data: { sentRequest: { model: step.model, provider: step.provider, messages: [{ role: "user", content: `Write to ${input.body.email}` }], params: {} } },
    });
  }
  await h.t.db.run.update({ where: { id: runs.old }, data: { isGenerated: true } });
  // The "old" run stands for one recorded before the engine kept what it sent.
  await h.t.db.stepRun.updateMany({ where: { runId: runs.old }, data: { sentRequest: Prisma.DbNull } });
}, 60_000);
afterAll(async () => {
  await Promise.all([llm?.close(), http?.close()]);
  await h?.close();
});

const byRun = (s: TSimulation) => new Map(s.runs.map((r) => [r.runId, r]));

async function policyFor(name: string, scope: { kind: string; targetId?: string }) {
  return (await createPolicy(h.t.db, h.principal, { name, scope })).id;
}

describe("simulatePolicy", () => {
  it("evaluates the draft on the last finished runs of the scope, per run and step, with totals", async () => {
    const id = await policyFor("Refund approvals", { kind: "workflow", targetId: main });
    await savePolicyDraft(h.t.db, h.principal, id, { document: APPROVAL_AND_PII });
    const s = await simulatePolicy(h.t.db, h.principal, id, {});
    expect(s).toMatchObject({ source: "draft", version: 1, description: "The last 4 finished runs of workflow Refunds (at most 50 asked; generated demo runs included)." });
    expect(s.runs.map((r) => r.runId)).toEqual([runs.old, runs.leaky, runs.large, runs.small]);
    const r = byRun(s);

    // Held once per run (approvalWhen.per "run", the default): the approval asked for at "ask" covers "call".
    const large = r.get(runs.large)!;
    expect(large.decision).toBe("require_approval");
    expect(large.steps.map((st) => [st.nodeId, st.nodeType, st.decision])).toEqual([
      ["ask", "ai.llm", "require_approval"],
      ["call", "tool.http", "allow"],
    ]);
    expect(large.steps[0]!.approvedAt).toBeUndefined();
    expect(large.steps[1]!.approvedAt).toEqual({ nodeId: "ask", iterationKey: "" });
    expect(large.steps[1]!.pre).toMatchObject({ decision: "allow", reason: "" });
    expect(large.steps[1]!.pre.rules.map((rule) => rule.message)).toEqual([
      "Approval required by policy Refund approvals v1: the condition trigger.body.amount > 10000 holds",
    ]);
    const ask = large.steps[0]!;
    expect(ask).toMatchObject({ model: expect.stringMatching(/^primary-model-/), payloadSource: "sent_request" });
    expect(ask.pre.rules.map((rule) => [rule.kind, rule.outcome, rule.message])).toEqual([
      ["pii", "redact", "Redacted by policy Refund approvals v1: the prompt contains 1 email address, replaced by placeholders"],
      ["approvalWhen", "require_approval", "Approval required by policy Refund approvals v1: the condition trigger.body.amount > 10000 holds"],
    ]);
    expect(ask.pre.reason).toBe("Approval required by policy Refund approvals v1: the condition trigger.body.amount > 10000 holds");

    expect(r.get(runs.small)!.steps.map((st) => [st.nodeId, st.pre.decision, st.post?.decision])).toEqual([
      ["ask", "redact", "allow"],
      ["call", "allow", "allow"],
    ]);
    // The model's answer carried an e-mail address: the post check on the stored output redacts it.
    const leaky = r.get(runs.leaky)!.steps[0]!;
    expect([leaky.pre.decision, leaky.post?.decision, leaky.decision]).toEqual(["allow", "redact", "redact"]);
    expect(leaky.post?.reason).toBe("Redacted by policy Refund approvals v1: the output contains 1 email address, replaced by placeholders");

    // Generated, and recorded before sentRequest existed: only the condition can fire.
    const old = r.get(runs.old)!;
    expect(old).toMatchObject({ isGenerated: true, decision: "require_approval" });
    expect(old.steps[0]).toMatchObject({ payloadSource: "none", decision: "require_approval" });
    expect(s.totals).toEqual({
      runs: { allow: 0, redact: 2, require_approval: 2, block: 0 },
      steps: { allow: 4, redact: 2, require_approval: 2, block: 0 },
    });

    // Asking before every call, each step of those runs is held.
    const perCall = await simulatePolicy(h.t.db, h.principal, id, { document: { ...APPROVAL_AND_PII, approvalWhen: { ...APPROVAL_AND_PII.approvalWhen, per: "call" } } });
    expect(byRun(perCall).get(runs.large)!.steps.map((st) => [st.nodeId, st.decision, st.approvedAt])).toEqual([
      ["ask", "require_approval", undefined],
      ["call", "require_approval", undefined],
    ]);
    expect(perCall.totals.steps).toEqual({ allow: 2, redact: 2, require_approval: 4, block: 0 });
  });

  it("simulates a given document, with the model's region from the catalog and tool calls' hosts; limit and generated runs", async () => {
    const id = await policyFor("Ops team rules", { kind: "team", targetId: h.teamId });
    const s = await simulatePolicy(h.t.db, h.principal, id, {
      document: { models: { allow: { regions: ["eu"] } }, tools: { http: [{ hosts: ["api.example.com"] }] } },
      limit: 2,
      includeGenerated: false,
    });
    expect(s.source).toBe("document");
    expect(s.runs.map((r) => r.runId)).toEqual([runs.elsewhere, runs.leaky]);
    const [ask, call] = s.runs[0]!.steps;
    // The region comes from the model catalog (Model.region).
    expect(ask?.pre.reason).toBe("Blocked by policy Ops team rules v1: region us is not on the allow-list (allowed: eu)");
    expect(ask?.post).toBeNull();
    expect(call?.pre.reason).toBe(
      "Blocked by policy Ops team rules v1: HTTP host 127.0.0.1 is not allowed for this workflow, team and role (allowed: api.example.com)",
    );
    expect(s.totals.runs).toEqual({ allow: 0, redact: 0, require_approval: 0, block: 2 });
    expect(s.description).toBe("The last 2 finished runs of team Ops (at most 2 asked; generated demo runs left out).");
  });

  it("says one run and no runs in English", async () => {
    const id = await policyFor("Refunds, one run", { kind: "workflow", targetId: main });
    const one = await simulatePolicy(h.t.db, h.principal, id, { document: {}, limit: 1 });
    expect(one.description).toBe("The last finished run of workflow Refunds (at most 1 asked; generated demo runs included).");
    const fresh = await h.publish(graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "trigger" } } }, ["t>out"]), { name: "Never run" });
    const none = await simulatePolicy(h.t.db, h.principal, await policyFor("Never run rules", { kind: "workflow", targetId: fresh }), { document: {} });
    expect(none.description).toBe("No finished runs of workflow Never run (generated demo runs included).");
  });

  it("reports what masking at rest would have stored as placeholders, per run", async () => {
    const id = await policyFor("Refunds at rest", { kind: "workflow", targetId: main });
    const s = await simulatePolicy(h.t.db, h.principal, id, { document: { pii: { actions: { email: "redact" }, maskAtRest: true } } });
    const r = byRun(s);
    expect(r.get(runs.small)!.maskedAtRest).toEqual({ count: 2, summary: "Would be stored as placeholders: 2 email addresses (1 in the run's input, 1 in 1 step output)." });
    // The model's answer carried an address: in its step's output and the Output node's.
    expect(r.get(runs.leaky)!.maskedAtRest).toEqual({ count: 2, summary: "Would be stored as placeholders: 2 email addresses (2 in 2 step outputs)." });
    expect(r.get(runs.old)!.maskedAtRest).toEqual({ count: 0, summary: "Nothing to mask at rest in its stored input and step outputs." });
    // A document that does not mask at rest reports nothing of it.
    const plain = await simulatePolicy(h.t.db, h.principal, id, { document: { pii: { actions: { email: "redact" } } } });
    expect(plain.runs.every((run) => run.maskedAtRest === null)).toBe(true);
  });

  it("lets a condition read only the steps before the one checked", async () => {
    const id = await policyFor("After the answer", { kind: "workflow", targetId: other });
    const s = await simulatePolicy(h.t.db, h.principal, id, { document: { approvalWhen: { condition: '$contains(nodes.ask.output.text, "stub")' } } });
    expect(s.runs[0]!.steps.map((st) => [st.nodeId, st.pre.decision])).toEqual([
      ["ask", "allow"],
      ["call", "require_approval"],
    ]);
  });

  it("refuses an invalid document with its problems, and a policy with nothing to simulate", async () => {
    const id = await policyFor("Empty", { kind: "workflow", targetId: main });
    const error = await simulatePolicy(h.t.db, h.principal, id, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, message: "This policy has no draft and no published version: send a document to simulate." });
    const invalid = await simulatePolicy(h.t.db, h.principal, id, { document: { approvalWhen: { condition: "amount >" } } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AppError);
    expect(invalid).toMatchObject({
      status: 400,
      issues: [{ path: "approvalWhen.condition", message: expect.stringMatching(/^Condition is not a valid JSONata expression: /) }],
    });
    expect(await simulatePolicy(h.t.db, h.principal, id, { document: {}, limit: 501 }).catch((e: unknown) => e)).toMatchObject({
      status: 400,
      issues: [{ path: "limit", message: "limit must be at most 500" }],
    });
  });
});
