// approvalWhen.per, end to end: a real worker, Postgres, Redis and a loopback OpenAI-compatible stub. A condition over
// the trigger holds every call of a run; "run" (the default) asks a person once per run and policy version, "call"
// asks before each call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { Prisma } from "@/server/db/generated/client";
import { invalidateActivePolicies } from "@/server/policies/active-policies";
import { decideApproval } from "@/server/approvals/decide-approval";
import { describeApprovalAnswer, ZPolicyRecord } from "./records.shared";

let h: THarness;
let stub: TLlmStub;
let modelId: string;

const CONDITION = "trigger.body.amount > 10000";
const REASON = `the condition ${CONDITION} holds`;

beforeAll(async () => {
  [h, stub] = await Promise.all([startHarness("approval-per"), startLlmStub()]);
  const provider = await h.t.db.provider.create({ data: { name: "Stub", kind: "openai_compatible", baseUrl: stub.baseUrl } });
  const model = await h.t.db.model.create({
    data: { providerId: provider.id, name: "stub-model", displayName: "Stub model", inputPricePerMTok: new Prisma.Decimal("2.5"), outputPricePerMTok: new Prisma.Decimal("10"), contextWindow: 128_000 },
  });
  modelId = model.id;
});
afterAll(async () => {
  await stub?.close();
  await h?.close();
});
afterEach(async () => {
  // A run a failed test left in flight must not call the stub during the next test.
  for (let i = 0; i < 100 && (await h.t.db.run.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } })) > 0; i += 1) await new Promise((r) => setTimeout(r, 50));
  stub.reset();
  await h.t.db.policyVersion.deleteMany({});
  await h.t.db.policy.deleteMany({});
  invalidateActivePolicies();
});

async function setPolicy(name: string, document: Record<string, unknown>) {
  const policy = await h.t.db.policy.create({ data: { name, scope: "org" } });
  await publishVersion(policy.id, 1, document);
  return policy;
}

async function publishVersion(policyId: string, number: number, document: Record<string, unknown>) {
  const version = await h.t.db.policyVersion.create({ data: { policyId, number, rules: document as Prisma.InputJsonValue } });
  await h.t.db.policy.update({ where: { id: policyId }, data: { currentVersionId: version.id } });
  invalidateActivePolicies();
}

/** classify → draft, two model calls; draft's prompt can carry extra text (e.g. personal data). */
function twoStepWorkflow(draftExtra = "") {
  const llm = (prompt: string) => ({ type: "ai.llm" as const, config: { model: { kind: "model", modelId }, prompt, maxTokens: 50 } });
  return h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        classify: llm("Classify the payment of {{ trigger.body.amount }}"),
        draft: llm(`Draft a note about {{ nodes.classify.output.text }}${draftExtra}`),
        out: { type: "control.output", config: { value: "nodes.draft.output.text" } },
      },
      ["t>classify", "classify>draft", "draft>out"],
    ),
  );
}

async function recordsOf(runId: string, nodeId: string) {
  const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId } });
  return { step, records: ZPolicyRecord.array().parse(step.policyDecisions ?? []) };
}

/** Waits for the run's `count`th approval (the run parked on it), checks no other was made, and approves it. */
async function approveNext(runId: string, count: number) {
  const deadline = Date.now() + 15_000;
  let approvals = await h.t.db.approval.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
  while (approvals.length < count || (await h.t.db.run.findUniqueOrThrow({ where: { id: runId } })).status !== "WAITING") {
    if (Date.now() > deadline) throw new Error(`run ${runId} did not park on approval ${count} (it has ${approvals.length})`);
    await new Promise((r) => setTimeout(r, 50));
    approvals = await h.t.db.approval.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
  }
  expect(approvals).toHaveLength(count);
  const pending = approvals.at(-1)!;
  expect(pending.status).toBe("PENDING");
  await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, pending.id, { decision: "approved", comment: "known customer" });
  return pending;
}

describe("approvalWhen.per", () => {
  it('"run" (the default): one approval for the run; the later call goes ahead and its decision names the approval', async () => {
    const policy = await setPolicy("Large amounts", { approvalWhen: { condition: CONDITION } });
    const runId = await h.start(await twoStepWorkflow(), { amount: 20_000 });
    const approval = await approveNext(runId, 1);
    expect(approval.details).toMatchObject({
      kind: "policy",
      reason: `Approval required by policy Large amounts v1: ${REASON}`,
      holds: [{ policyId: policy.id, policyVersion: 1, per: "run", criteria: ["condition"] }],
    });
    expect((await h.waitFor(runId)).status).toBe("SUCCEEDED");
    expect(stub.calls).toHaveLength(2);
    expect(await h.t.db.approval.count({ where: { runId } })).toBe(1);

    const { step, records } = await recordsOf(runId, "draft");
    expect(records.map((r) => `${r.point}:${r.decision}`)).toEqual(["model.pre:require_approval", "model.post:allow"]);
    expect(records[0]!.reason).toBe(`Approval required by policy Large amounts v1: ${REASON}`);
    expect(records[0]!.approval).toEqual({
      decision: "approved",
      by: "Ann",
      comment: "known customer",
      earlier: [{ approvalId: approval.id, nodeId: "classify", iterationKey: "", by: "Ann", comment: "known customer" }],
    });
    expect(describeApprovalAnswer(records[0]!.approval!)).toBe('Approved earlier in this run by Ann (step "classify"): “known customer”');
    const audit = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "policy.require_approval", resourceId: step.id } });
    expect(audit.data).toMatchObject({
      approval: { decision: "approved", earlier: [{ approvalId: approval.id }], summary: 'Approved earlier in this run by Ann (step "classify"): “known customer”' },
    });
  });

  it('"call": each call asks, two approvals for the two steps', async () => {
    await setPolicy("Large amounts", { approvalWhen: { condition: CONDITION, per: "call" } });
    const runId = await h.start(await twoStepWorkflow(), { amount: 20_000 });
    await approveNext(runId, 1);
    expect(stub.calls).toHaveLength(0);
    const second = await approveNext(runId, 2);
    expect(stub.calls).toHaveLength(1);
    expect(second.details).toMatchObject({ holds: [{ per: "call", criteria: ["condition"] }] });
    expect((await h.waitFor(runId)).status).toBe("SUCCEEDED");
    expect(stub.calls).toHaveLength(2);
    const { records } = await recordsOf(runId, "draft");
    expect(records[1]!.approval).toEqual({ decision: "approved", by: "Ann", comment: "known customer" });
  });

  it('"run": a policy republished (a new version) between the calls asks again', async () => {
    const policy = await setPolicy("Large amounts", { approvalWhen: { condition: CONDITION } });
    const runId = await h.start(await twoStepWorkflow(), { amount: 20_000 });
    await h.waitFor(runId, ["WAITING"]);
    await publishVersion(policy.id, 2, { approvalWhen: { condition: CONDITION } });
    await approveNext(runId, 1);
    const second = await approveNext(runId, 2);
    expect(second.details).toMatchObject({ reason: `Approval required by policy Large amounts v2: ${REASON}`, holds: [{ policyVersion: 2 }] });
    expect((await h.waitFor(runId)).status).toBe("SUCCEEDED");
    expect(stub.calls).toHaveLength(2);
  });

  it('"run": a later call held for something the approver did not see (personal data) asks again', async () => {
    await setPolicy("Large amounts", { approvalWhen: { condition: CONDITION, piiTypes: ["email"] } });
    const runId = await h.start(await twoStepWorkflow(" for jane.doe@example.com"), { amount: 20_000 });
    await approveNext(runId, 1);
    const second = await approveNext(runId, 2);
    expect(second.details).toMatchObject({ holds: [{ per: "run", criteria: ["condition", "pii:email"] }] });
    expect((await h.waitFor(runId)).status).toBe("SUCCEEDED");
  });

  it('"call": a step retried after its approval was given (the call failed) is covered by that approval, not parked again', async () => {
    await setPolicy("Large amounts", { approvalWhen: { condition: CONDITION, per: "call" } });
    let calls = 0;
    stub.setHandler(() => (calls++ === 0 ? { status: 500 } : { content: "ok", usage: { prompt_tokens: 7, completion_tokens: 2 } }));
    const retrying = { retry: { maxAttempts: 2, backoffMs: 100, maxBackoffMs: 100, retryOn: "retryable" as const } };
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          classify: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt: "Classify {{ trigger.body.amount }}", maxTokens: 50 }, settings: retrying },
        },
        ["t>classify"],
      ),
    );
    const runId = await h.start(wf, { amount: 20_000 });
    const approval = await approveNext(runId, 1);
    const run = await h.waitFor(runId);
    expect(run.status).toBe("SUCCEEDED");
    expect(stub.calls).toHaveLength(2);
    expect(await h.t.db.approval.count({ where: { runId } })).toBe(1);
    const { records } = await recordsOf(runId, "classify");
    const retried = records.filter((r) => r.point === "model.pre").at(-1)!;
    expect(retried.approval).toMatchObject({ decision: "approved", earlier: [{ approvalId: approval.id, nodeId: "classify" }] });
  });

  it('"run": a rejection fails the step, and the run ends', async () => {
    await setPolicy("Large amounts", { approvalWhen: { condition: CONDITION } });
    const runId = await h.start(await twoStepWorkflow(), { amount: 20_000 });
    await h.waitFor(runId, ["WAITING"]);
    const approval = await h.t.db.approval.findFirstOrThrow({ where: { runId } });
    await decideApproval({ db: h.t.db, redis: h.redis }, h.principal, approval.id, { decision: "rejected", comment: "no" });
    const run = await h.waitFor(runId);
    expect(run.status).toBe("FAILED");
    expect(run.error).toContain(`Rejected by Ann (“no”): Approval required by policy Large amounts v1: ${REASON}`);
    expect(stub.calls).toHaveLength(0);
  });
});
