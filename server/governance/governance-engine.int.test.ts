// Policies enforced by the run engine, end to end: a real worker, Postgres, Redis, and a loopback OpenAI-compatible
// stub that logs every request body. Each rule type of the engine path, and what the step and the audit keep of it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { allowPrivateNetworks } from "@/test/outbound-settings";
import { Prisma } from "@/server/db/generated/client";
import { invalidateActivePolicies } from "@/server/policies/active-policies";
import { invalidateBudgetCache } from "@/server/budgets/ledger";
import { decideApproval } from "@/server/approvals/decide-approval";
import { getRun } from "@/server/runs/get-run";
import { publishWorkflow } from "@/server/workflows/publish-workflow";
import type { AppError } from "@/server/errors";
import { ZPolicyRecord } from "./records.shared";

let h: THarness;
let stub: TLlmStub;
let modelId: string;
let modelName: string;

const RAW = {
  card: "4111 1111 1111 1111",
  email: "jane.doe@example.com",
  phone: "+1 415 555 0132",
  iban: "DE89 3704 0044 0532 0130 00",
  ssn: "078-05-1120",
};
const TICKET = `Customer ${RAW.email} (phone ${RAW.phone}) paid with card ${RAW.card}; refund to ${RAW.iban}; SSN ${RAW.ssn}.`;

beforeAll(async () => {
  [h, stub] = await Promise.all([startHarness("governance"), startLlmStub()]);
  // The stub is on loopback: model providers reach it only because private networks are allowed, as an admin would.
  await allowPrivateNetworks(h.t.db);
  const provider = await h.t.db.provider.create({ data: { name: "Stub", kind: "openai_compatible", baseUrl: stub.baseUrl } });
  modelName = "stub-model";
  const model = await h.t.db.model.create({
    data: {
      providerId: provider.id,
      name: modelName,
      displayName: "Stub model",
      inputPricePerMTok: new Prisma.Decimal("2.5"),
      outputPricePerMTok: new Prisma.Decimal("10"),
      contextWindow: 128_000,
      region: "eu",
    },
  });
  modelId = model.id;
});
afterAll(async () => {
  await stub?.close();
  await h?.close();
});
afterEach(async () => {
  stub.reset();
  await h.t.db.policyVersion.deleteMany({});
  await h.t.db.policy.deleteMany({});
  await h.t.db.budget.deleteMany({});
  invalidateActivePolicies();
  invalidateBudgetCache(h.t.db);
});

/** The stub answers with what the user message said, so restored outputs can be checked. */
function echo(): void {
  stub.setHandler((call) => {
    const body = call.body as { messages: { role: string; content: string }[] };
    return { content: `Summary: ${body.messages.at(-1)?.content ?? ""}`, usage: { prompt_tokens: 50, completion_tokens: 20 } };
  });
}

async function setPolicy(name: string, document: Record<string, unknown>, scope: { scope?: "org" | "team" | "workflow"; teamId?: string; workflowId?: string } = {}) {
  const policy = await h.t.db.policy.create({ data: { name, scope: scope.scope ?? "org", teamId: scope.teamId ?? null, workflowId: scope.workflowId ?? null } });
  const version = await h.t.db.policyVersion.create({ data: { policyId: policy.id, number: 1, rules: document as Prisma.InputJsonValue } });
  await h.t.db.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
  invalidateActivePolicies();
  return policy;
}

function llmWorkflow(prompt = "Summarise: {{ trigger.body.ticket }}", extra: Record<string, unknown> = {}) {
  return h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        llm: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt, maxTokens: 200, ...extra } },
        out: { type: "control.output", config: { value: "nodes.llm.output.text" } },
      },
      ["t>llm", "llm>out"],
    ),
  );
}

async function decisionsOf(runId: string, nodeId = "llm") {
  const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId } });
  return { step, records: ZPolicyRecord.array().parse(step.policyDecisions ?? []) };
}

describe("policies in the run engine", () => {
  it("PII redact: the model never receives the raw values, the Output node shows them restored", async () => {
    echo();
    const policy = await setPolicy("Baseline governance", {
      pii: { actions: { email: "redact", phone: "redact", card: "redact", iban: "redact", us_ssn: "redact" } },
    });
    const runId = await h.start(await llmWorkflow(), { ticket: TICKET });
    const run = await h.waitFor(runId);
    expect(run.status).toBe("SUCCEEDED");

    expect(stub.calls).toHaveLength(1);
    const sent = JSON.stringify(stub.calls[0]!.body);
    for (const raw of Object.values(RAW)) expect(sent).not.toContain(raw);
    expect(sent).toContain("[EMAIL_1]");
    expect(sent).toContain("[CARD_1]");

    // The LLM step keeps placeholders; the Output node restores them (the policy's default restoreIn).
    const { step, records } = await decisionsOf(runId);
    expect(JSON.stringify(step.output)).not.toContain(RAW.email);
    expect(run.output).toContain(RAW.email);
    expect(run.output).toContain(RAW.card);
    expect(records[0]).toMatchObject({ point: "model.pre", decision: "redact", attempt: 1 });
    expect(records[0]!.rules[0]).toMatchObject({ policyId: policy.id, policyName: "Baseline governance", policyVersion: 1, kind: "pii" });
    expect(records[0]!.reason).toBe(
      "Redacted by policy Baseline governance v1: the prompt contains 1 payment card number, 1 IBAN, 1 email address, 1 phone number and 1 US social security number, replaced by placeholders",
    );

    // What left Baton is on record: the redacted request and its SHA-256.
    const sentRequest = step.sentRequest as { record: string; messages: unknown; sha256: string; model: string };
    expect(sentRequest).toMatchObject({ record: "full", model: modelName });
    expect(JSON.stringify(sentRequest.messages)).toContain("[EMAIL_1]");
    expect(JSON.stringify(sentRequest.messages)).not.toContain(RAW.email);
    expect(sentRequest.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The run's vault is sealed at rest: the raw values are not in the row.
    const stored = await h.t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { piiVault: true } });
    expect(stored.piiVault).toMatch(/^v1\./);
    expect(stored.piiVault).not.toContain(RAW.email);

    const audit = await h.t.db.auditEvent.findMany({ where: { action: "policy.redact", resourceId: step.id } });
    expect(audit).toHaveLength(1);
  });

  it("the approver's view: an approval's details show the redacted values to those who decide it, placeholders to others", async () => {
    echo();
    await setPolicy("Baseline governance", { pii: { actions: { email: "redact" } } });
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          llm: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt: "Summarise: {{ trigger.body.ticket }}", maxTokens: 200 } },
          ok: { type: "control.approval", config: { title: "Send the summary?", details: "{ 'summary': nodes.llm.output.text }" } },
        },
        ["t>llm", "llm>ok"],
      ),
    );
    const runId = await h.start(wf, { ticket: `Mail ${RAW.email}` });
    await h.waitFor(runId, ["WAITING"]);
    const stored = await h.t.db.approval.findFirstOrThrow({ where: { runId } });
    expect(JSON.stringify(stored.details)).toContain("[EMAIL_1]");
    const asApprover = await getRun(h.t.db, h.principal, runId);
    expect(JSON.stringify(asApprover.approvals[0]!.details)).toContain(RAW.email);
    const viewer = { ...h.principal, memberships: h.principal.memberships.map((m) => ({ ...m, role: "viewer" as const })) };
    const asViewer = await getRun(h.t.db, viewer, runId);
    expect(JSON.stringify(asViewer.approvals[0]!.details)).not.toContain(RAW.email);
    expect(JSON.stringify(asViewer.approvals[0]!.details)).toContain("[EMAIL_1]");
  });

  it("record prompts: hash keeps only the digest, none keeps nothing", async () => {
    await setPolicy("Digest only", { recordPrompts: "hash" });
    const wf = await llmWorkflow("Hello");
    const hashed = await h.start(wf, {});
    await h.waitFor(hashed);
    expect((stub.calls[0]!.body as { messages: unknown }).messages).toEqual([{ role: "user", content: "Hello" }]);
    const { step } = await decisionsOf(hashed);
    expect(step.sentRequest).toEqual({ record: "hash", model: modelName, provider: "Stub", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await setPolicy("Nothing", { recordPrompts: "none" });
    const none = await h.start(wf, {});
    await h.waitFor(none);
    expect((await decisionsOf(none)).step.sentRequest).toEqual({ record: "none", model: modelName, provider: "Stub" });
  });

  it("models: a model outside the allow-list is refused at run time, naming the policy, version and rule", async () => {
    const wf = await llmWorkflow("Hello");
    await setPolicy("Approved models", { models: { allow: { models: ["gpt-4o-mini"] } } });
    const runId = await h.start(wf, {});
    const run = await h.waitFor(runId);
    expect(run.status).toBe("FAILED");
    expect(stub.calls).toHaveLength(0);
    const { step, records } = await decisionsOf(runId);
    expect(step.errorCode).toBe("POLICY");
    expect(step.error).toBe("Blocked by policy Approved models v1: model stub-model is not on the allow-list (allowed: gpt-4o-mini)");
    expect(records[0]).toMatchObject({ decision: "block", point: "model.pre", subject: `Stub/${modelName}` });
  });

  it("models: publishing a workflow whose model the policies refuse is refused, naming the node and the rule", async () => {
    const g = graph(
      {
        t: { type: "trigger.manual" },
        llm: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt: "Hello", maxTokens: 10 } },
      },
      ["t>llm"],
    );
    const wf = await h.t.db.workflow.create({ data: { teamId: h.teamId, name: "Draft only", draftGraph: g as unknown as Prisma.InputJsonValue, webhookSecret: "s" } });
    await setPolicy("Approved models", { models: { allow: { models: ["gpt-4o-mini"] } } });
    const refused = await publishWorkflow(h.t.db, h.principal, wf.id, { note: "first" }).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(refused?.code).toBe("VALIDATION");
    expect(refused?.message).toContain('Node "llm": Blocked by policy Approved models v1: model stub-model is not on the allow-list (allowed: gpt-4o-mini)');
    expect(await h.t.db.workflowVersion.count({ where: { workflowId: wf.id } })).toBe(0);
    await h.t.db.policy.updateMany({ data: { isEnabled: false } });
    invalidateActivePolicies();
    expect((await publishWorkflow(h.t.db, h.principal, wf.id, { note: "first" })).number).toBe(1);
  });

  it("models: a confidential workflow may only use the classification's regions", async () => {
    const wf = await llmWorkflow("Hello");
    await h.t.db.workflow.update({ where: { id: wf }, data: { dataClassification: "confidential" } });
    await setPolicy("Confidential data", { models: { classifications: { confidential: { regions: ["us"] } } } });
    const blocked = await h.waitFor(await h.start(wf, {}));
    expect(blocked.status).toBe("FAILED");
    expect(blocked.error).toContain("confidential workflows may only use regions us; model stub-model is region eu");
    await h.t.db.workflow.update({ where: { id: wf }, data: { dataClassification: "internal" } });
    expect((await h.waitFor(await h.start(wf, {}))).status).toBe("SUCCEEDED");
  });

  it("content: a blocked term in the prompt stops the call; in the answer it fails the step after the call", async () => {
    await setPolicy("Content", { content: { blockedTerms: ["project zeus"] } });
    const pre = await h.start(await llmWorkflow("Tell me about Project Zeus"), {});
    expect((await h.waitFor(pre)).error).toContain('Blocked by policy Content v1: the prompt contains the blocked term "project zeus"');
    expect(stub.calls).toHaveLength(0);
    stub.setHandler(() => ({ content: "Project Zeus launches Monday", usage: { prompt_tokens: 5, completion_tokens: 5 } }));
    const post = await h.start(await llmWorkflow("Any news?"), {});
    const run = await h.waitFor(post);
    expect(run.error).toContain('Blocked by policy Content v1: the output contains the blocked term "project zeus"');
    expect(stub.calls).toHaveLength(1);
    const { step, records } = await decisionsOf(post);
    expect(records.map((r) => `${r.point}:${r.decision}`)).toEqual(["model.pre:allow", "model.post:block"]);
    // The call was made and paid for: its cost stays on the step and in the ledger.
    expect(Number(step.costUsd)).toBeGreaterThan(0);
  });

  it("approval condition: a run above the amount waits in the Inbox with the policy's reason; approve continues the step as it was", async () => {
    await setPolicy("Large amounts", { approvalWhen: { condition: "trigger.body.amount > 10000" } });
    const wf = await llmWorkflow("Amount {{ trigger.body.amount }}");
    const small = await h.start(wf, { amount: 50 });
    expect((await h.waitFor(small)).status).toBe("SUCCEEDED");
    const big = await h.start(wf, { amount: 20000 });
    await h.waitFor(big, ["WAITING"]);
    expect(stub.calls).toHaveLength(1);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId: big } });
    expect(approval.status).toBe("PENDING");
    expect(approval.details).toMatchObject({
      kind: "policy",
      reason: "Approval required by policy Large amounts v1: the condition trigger.body.amount > 10000 holds",
    });
    await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "approved", comment: "known customer" });
    expect((await h.waitFor(big)).status).toBe("SUCCEEDED");
    expect(stub.calls).toHaveLength(2);
    const { records } = await decisionsOf(big);
    // Asked, then approved and sent; the answer was checked after the call.
    expect(records.map((r) => `${r.point}:${r.decision}`)).toEqual(["model.pre:require_approval", "model.pre:require_approval", "model.post:allow"]);
    // The approver as a person reads it: their name (the approval card shows the same), not their email.
    expect(records[1]!.approval).toEqual({ decision: "approved", comment: "known customer", by: "Ann" });
  });

  it("approval rejected: the step fails with the decision", async () => {
    await setPolicy("Large amounts", { approvalWhen: { condition: "trigger.body.amount > 10000" } });
    const runId = await h.start(await llmWorkflow("x"), { amount: 99999 });
    await h.waitFor(runId, ["WAITING"]);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId } });
    await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "rejected", comment: "no" });
    const run = await h.waitFor(runId);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/Rejected by .*\(“no”\): Approval required by policy Large amounts v1/);
    expect(stub.calls).toHaveLength(0);
  });

  it("an enabled policy whose stored document is invalid blocks what it covers (fail closed)", async () => {
    await setPolicy("Broken", { models: { allowList: ["x"] } });
    const run = await h.waitFor(await h.start(await llmWorkflow("x"), {}));
    expect(run.status).toBe("FAILED");
    expect(run.error).toContain("policy Broken v1 cannot be enforced, its document is invalid");
    expect(stub.calls).toHaveLength(0);
  });

  it("budgets: a call that would exceed a blocking budget is refused; spent is the ledger's sum of step costs", async () => {
    const wf = await llmWorkflow("Hello", { maxTokens: 100 });
    // Projected: prompt tokens × 2.5 + 100 × 10 per 1M ≈ $0.00101; the first call fits, its actual cost stays.
    await h.t.db.budget.create({
      data: { name: "Tiny", scope: "workflow", workflowId: wf, teamId: h.teamId, period: "month", amountUsd: new Prisma.Decimal("0.00105"), onExceeded: "block" },
    });
    invalidateBudgetCache(h.t.db);
    const first = await h.waitFor(await h.start(wf, {}));
    expect(first.error).toBe(null);
    expect(first.status).toBe("SUCCEEDED");
    const second = await h.waitFor(await h.start(wf, {}));
    expect(second.status).toBe("FAILED");
    expect(second.error).toMatch(/^Node "llm" failed: Blocked by budget "Tiny": it would be exceeded \(\$0\.000075 spent and \$0\.00 reserved of \$0\.00105/);
    expect(stub.calls).toHaveLength(1);
    const entries = await h.t.db.usageEntry.findMany({});
    const steps = await h.t.db.stepRun.findMany({ where: { nodeId: "llm", costUsd: { gt: 0 } } });
    expect(entries.reduce((s, e) => s.plus(e.costUsd), new Prisma.Decimal(0)).toString()).toBe(
      steps.reduce((s, e) => s.plus(e.costUsd), new Prisma.Decimal(0)).toString(),
    );
  });

  it("budgets: past the amount, downgrade sends the call to the cheaper model; require approval holds it until a person approves", async () => {
    const cheap = await h.t.db.model.create({
      data: { providerId: (await h.t.db.model.findUniqueOrThrow({ where: { id: modelId } })).providerId, name: "cheap-model", displayName: "Cheap", inputPricePerMTok: "0", outputPricePerMTok: "0", contextWindow: 8000 },
    });
    const wf = await llmWorkflow("Hello");
    const budget = await h.t.db.budget.create({
      data: { name: "Nothing left", scope: "workflow", workflowId: wf, teamId: h.teamId, period: "day", amountUsd: "0.00000001", onExceeded: "downgrade", downgradeTo: cheap.name },
    });
    invalidateBudgetCache(h.t.db);
    const down = await h.start(wf, {});
    expect((await h.waitFor(down)).status).toBe("SUCCEEDED");
    expect((stub.calls[0]!.body as { model: string }).model).toBe("cheap-model");
    const { records } = await decisionsOf(down);
    expect(records[0]!.rules[0]!.message).toMatch(/^Downgraded by budget "Nothing left": it would be exceeded .*; using cheap-model instead$/);

    await h.t.db.budget.update({ where: { id: budget.id }, data: { onExceeded: "require_approval", downgradeTo: null } });
    invalidateBudgetCache(h.t.db);
    const held = await h.start(wf, {});
    await h.waitFor(held, ["WAITING"]);
    expect(stub.calls).toHaveLength(1);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId: held } });
    expect(approval.details).toMatchObject({ kind: "policy", reason: expect.stringMatching(/^Approval required by budget "Nothing left": it would be exceeded/) });
    await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "approved" });
    expect((await h.waitFor(held)).status).toBe("SUCCEEDED");
    expect((stub.calls[1]!.body as { model: string }).model).toBe(modelName);
  });

  it("HTTP requests: PII in the path, query and body is redacted; the destination host (an IP address here) is not", async () => {
    await setPolicy("Baseline governance", { pii: { actions: { email: "redact", ip_address: "redact" } } });
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          call: { type: "tool.http", config: { method: "POST", url: `${stub.baseUrl}/lookup?who={{ trigger.body.email }}`, body: '{"note": "from {{ trigger.body.ip }}"}' } },
        },
        ["t>call"],
      ),
    );
    await h.waitFor(await h.start(wf, { email: RAW.email, ip: "203.0.113.7" }));
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]!.path).toMatch(/^\/v1\/lookup\?who=(\[EMAIL_1\]|%5BEMAIL_1%5D)$/);
    expect(JSON.stringify(stub.calls[0]!.body)).toContain("[IP_1]");
    expect(JSON.stringify(stub.calls[0]!.body)).not.toContain("203.0.113.7");
    const { records } = await decisionsOf((await h.t.db.run.findFirstOrThrow({ where: { workflowId: wf } })).id, "call");
    expect(records[0]).toMatchObject({ point: "tool.pre", decision: "redact", subject: "HTTP 127.0.0.1" });
    expect(records[0]!.reason).toBe("Redacted by policy Baseline governance v1: the request contains 1 email address and 1 IP address, replaced by placeholders");
  });

  it("tools: an HTTP host not granted to the workflow is refused before the request", async () => {
    await setPolicy("Hosts", { tools: { http: [{ hosts: ["api.example.com"] }] } });
    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, call: { type: "tool.http", config: { method: "GET", url: `${stub.baseUrl}/anything` } } },
        ["t>call"],
      ),
    );
    const run = await h.waitFor(await h.start(wf, {}));
    expect(run.status).toBe("FAILED");
    expect(run.error).toContain("Blocked by policy Hosts v1: HTTP host 127.0.0.1 is not allowed for this workflow, team and role (allowed: api.example.com)");
    expect(stub.calls).toHaveLength(0);
  });
});
