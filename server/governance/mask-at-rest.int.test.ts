// Masking PII at rest (pii.maskAtRest), end to end: a real worker, Postgres, Redis and a loopback OpenAI-compatible
// stub. What a run stores keeps placeholders (every row of the run is read back), the model gets placeholders, and
// only the roles the policy names may reveal the values, each reveal audited.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { Prisma } from "@/server/db/generated/client";
import { invalidateActivePolicies } from "@/server/policies/active-policies";
import { getRun } from "@/server/runs/get-run";
import { revealRun } from "@/server/runs/reveal-run";
import { rerunFromNode } from "@/server/engine/rerun-from-node";
import type { TPrincipal } from "@/server/auth/permissions";
import type { AppError } from "@/server/errors";
import { ZPolicyRecord } from "./records.shared";

let h: THarness;
let stub: TLlmStub;
let modelId: string;

const RAW = {
  email: "jane.doe@example.com",
  card: "4111 1111 1111 1111",
  phone: "+1 415 555 0132",
  /** In the model's answer only. */
  answerEmail: "fraud-desk@bank.example",
  /** A constant of the Transform step. */
  constantEmail: "risk-team@bank.example",
};
const TICKET = `Customer ${RAW.email} (phone ${RAW.phone}) paid with card ${RAW.card}.`;

beforeAll(async () => {
  [h, stub] = await Promise.all([startHarness("mask-at-rest"), startLlmStub()]);
  const provider = await h.t.db.provider.create({ data: { name: "Stub", kind: "openai_compatible", baseUrl: stub.baseUrl } });
  const model = await h.t.db.model.create({
    data: { providerId: provider.id, name: "stub-model", displayName: "Stub model", inputPricePerMTok: new Prisma.Decimal("1"), outputPricePerMTok: new Prisma.Decimal("1"), contextWindow: 128_000 },
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
  invalidateActivePolicies();
});

/** The stub echoes the prompt and adds an address of its own, which the policy does not scan (appliesTo prompt). */
function echo(): void {
  stub.setHandler((call) => {
    const body = call.body as { messages: { content: string }[] };
    return { content: `Summary: ${body.messages.at(-1)?.content ?? ""} Escalate to ${RAW.answerEmail}.`, usage: { prompt_tokens: 40, completion_tokens: 20 } };
  });
}

async function setPolicy(name: string, document: Record<string, unknown>, scope: { scope?: "org" | "team"; teamId?: string } = {}) {
  const policy = await h.t.db.policy.create({ data: { name, scope: scope.scope ?? "org", teamId: scope.teamId ?? null } });
  const version = await h.t.db.policyVersion.create({ data: { policyId: policy.id, number: 1, rules: document as Prisma.InputJsonValue } });
  await h.t.db.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
  invalidateActivePolicies();
  return policy;
}

const MASKING = {
  pii: { actions: { email: "redact", card: "redact", phone: "redact" }, appliesTo: ["prompt"], maskAtRest: true, revealRoles: ["admin", "approver"] },
};

function ticketWorkflow() {
  return h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        shape: {
          type: "tool.transform",
          config: { expression: `{ 'note': 'Customer ' & trigger.body.email & ', escalate to ${RAW.constantEmail}', 'card': trigger.body.card }` },
        },
        llm: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt: "Summarise: {{ trigger.body.ticket }} / {{ nodes.shape.output.note }}", maxTokens: 200 } },
        out: { type: "control.output", config: { value: "nodes.llm.output.text" } },
      },
      ["t>shape", "shape>llm", "llm>out"],
    ),
  );
}

const asRole = (role: "admin" | "builder" | "approver" | "viewer"): TPrincipal => ({
  ...h.principal,
  memberships: h.principal.memberships.map((m) => ({ ...m, role })),
});

/** Every stored row of the run, and every audit event since `sinceSeq`, as one text. */
async function storedText(runId: string, sinceSeq: bigint): Promise<string> {
  const [run, steps, attempts, approvals, events] = await Promise.all([
    h.t.db.run.findUniqueOrThrow({ where: { id: runId } }),
    h.t.db.stepRun.findMany({ where: { runId } }),
    h.t.db.stepAttempt.findMany({ where: { runId } }),
    h.t.db.approval.findMany({ where: { runId } }),
    h.t.db.auditEvent.findMany({ where: { seq: { gt: sinceSeq } } }),
  ]);
  return JSON.stringify({ run, steps, attempts, approvals, events }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

async function lastAuditSeq(): Promise<bigint> {
  const last = await h.t.db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return last?.seq ?? 0n;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

describe("masking PII at rest", () => {
  it("stores placeholders in every row of the run, sends placeholders, and reveals the values only to the roles the policy names, audited", async () => {
    echo();
    await setPolicy("Card data at rest", MASKING);
    const since = await lastAuditSeq();
    const runId = await h.start(await ticketWorkflow(), { ticket: TICKET, email: RAW.email, card: RAW.card });
    const run = await h.waitFor(runId);
    expect(run.status).toBe("SUCCEEDED");

    // The model got placeholders only.
    expect(stub.calls).toHaveLength(1);
    const sent = JSON.stringify(stub.calls[0]!.body);
    for (const raw of [RAW.email, RAW.card, RAW.phone, RAW.constantEmail]) expect(sent).not.toContain(raw);
    expect(sent).toContain("[EMAIL_1]");
    expect(sent).toContain("[CARD_1]");

    // No raw value in any stored row: the run's input and result, steps' outputs and errors, attempts, audit events.
    const stored = await storedText(runId, since);
    for (const raw of Object.values(RAW)) expect(stored).not.toContain(raw);
    const row = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row.input).toEqual({ body: { ticket: "Customer [EMAIL_1] (phone [PHONE_1]) paid with card [CARD_1].", email: "[EMAIL_1]", card: "[CARD_1]" } });
    // The same value keeps its placeholder across the input, the steps and the model's answer.
    const steps = await h.steps(runId);
    expect(steps.get("shape")!.output).toEqual({ note: "Customer [EMAIL_1], escalate to [EMAIL_2]", card: "[CARD_1]" });
    expect(String(steps.get("llm")!.output && (steps.get("llm")!.output as { text: string }).text)).toContain("Escalate to [EMAIL_3].");
    // With masking at rest the Output node keeps the placeholders too.
    expect(row.output).toContain("[EMAIL_1]");
    expect(row.piiVault).toMatch(/^v1\./);

    // A value masked at rest counts as what it stands for at the call: the rule fired and says so.
    const llm = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "llm" } });
    const records = ZPolicyRecord.array().parse(llm.policyDecisions);
    expect(records[0]).toMatchObject({ point: "model.pre", decision: "redact" });
    expect(records[0]!.reason).toBe(
      "Redacted by policy Card data at rest v1: the prompt contains 1 payment card number, 3 email addresses and 1 phone number, replaced by placeholders",
    );

    // Everyone reading the run sees placeholders; the page says who may reveal.
    const asAdmin = await getRun(h.t.db, h.principal, runId);
    expect(JSON.stringify(asAdmin)).not.toContain(RAW.email);
    expect(asAdmin.piiMasking).toEqual({ policies: ["Card data at rest v1"], revealRoles: ["admin", "approver"], canReveal: true });
    expect((await getRun(h.t.db, asRole("builder"), runId)).piiMasking).toMatchObject({ canReveal: false });

    // Reveal: an admin gets the values back, and each reveal is one audit event.
    const revealed = await revealRun(h.t.db, h.principal, runId, {});
    expect(revealed.run?.input).toEqual({ body: { ticket: TICKET, email: RAW.email, card: RAW.card } });
    expect(revealed.run?.output).toContain(RAW.email);
    expect(revealed.run?.output).toContain(RAW.answerEmail);
    expect(revealed.steps.find((s) => s.nodeId === "shape")!.output).toEqual({ note: `Customer ${RAW.email}, escalate to ${RAW.constantEmail}`, card: RAW.card });
    expect(revealed.steps.find((s) => s.nodeId === "shape")!.input).toEqual({ body: { ticket: TICKET, email: RAW.email, card: RAW.card } });
    const oneStep = await revealRun(h.t.db, asRole("approver"), runId, { stepRunId: llm.id });
    expect(oneStep.run).toBeNull();
    expect(oneStep.steps.map((s) => s.nodeId)).toEqual(["llm"]);
    expect(JSON.stringify(oneStep.steps[0]!.output)).toContain(RAW.answerEmail);
    const reveals = await h.t.db.auditEvent.findMany({ where: { action: "pii.reveal", resourceId: runId }, orderBy: { seq: "asc" } });
    expect(reveals).toHaveLength(2);
    expect(reveals[0]).toMatchObject({ actorType: "user", actorId: h.principal.id, teamId: h.teamId });
    expect(reveals[0]!.data).toMatchObject({ what: "run", values: 5, policies: ["Card data at rest v1"] });
    expect(reveals[1]!.data).toMatchObject({ what: "step", stepRunId: llm.id, nodeId: "llm" });
    // The audit events record what was revealed, never the values.
    expect(JSON.stringify(reveals.map((e) => e.data))).not.toContain(RAW.email);

    // A builder or viewer is refused, and nothing is audited; a run of another team is not found.
    for (const role of ["builder", "viewer"] as const) {
      const refused = await refusal(revealRun(h.t.db, asRole(role), runId, {}));
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.message).toBe("Policy Card data at rest v1 masks this run's personal data at rest: only admins and approvers of its team may reveal it.");
    }
    const stranger = { ...h.principal, memberships: [{ teamId: "another-team", teamSlug: "x", teamName: "X", role: "admin" as const, isTeamArchived: false }] };
    expect((await refusal(revealRun(h.t.db, stranger, runId, {}))).code).toBe("NOT_FOUND");
    expect((await refusal(revealRun(h.t.db, h.principal, runId, { stepRunId: "st_nope" }))).code).toBe("NOT_FOUND");
    expect(await h.t.db.auditEvent.count({ where: { action: "pii.reveal" } })).toBe(2);
  });

  it("a value masked at rest still counts for another policy's rules: an organisation block on cards holds", async () => {
    echo();
    await setPolicy("No cards to models", { pii: { actions: { card: "block" } } });
    await setPolicy("Team masks at rest", MASKING, { scope: "team", teamId: h.teamId });
    const runId = await h.start(await ticketWorkflow(), { ticket: TICKET, email: RAW.email, card: RAW.card });
    const run = await h.waitFor(runId);
    expect(run.status).toBe("FAILED");
    expect(run.error).toContain("Blocked by policy No cards to models v1: the prompt contains 1 payment card number");
    expect(stub.calls).toHaveLength(0);
    const row = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(JSON.stringify(row.input)).not.toContain(RAW.card);
  });

  it("a sub-workflow's result comes back in the parent's own placeholders", async () => {
    await setPolicy("Card data at rest", MASKING);
    const child = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          out: { type: "control.output", config: { value: `{ 'got': trigger.body.email, 'also': 'cc ${RAW.constantEmail}' }` } },
        },
        ["t>out"],
      ),
    );
    const parent = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          // A value of the parent's own that the child never sees, so its placeholder number is taken in the parent.
          own: { type: "tool.transform", config: { expression: "'ops-lead@bank.example'" } },
          sub: { type: "control.subworkflow", config: { workflowId: child, input: "{ 'email': trigger.body.email }" } },
          out: { type: "control.output", config: { value: "{ 'own': nodes.own.output, 'sub': nodes.sub.output }" } },
        },
        ["t>own", "own>sub", "sub>out"],
      ),
    );
    const runId = await h.start(parent, { email: RAW.email });
    expect((await h.waitFor(runId)).status).toBe("SUCCEEDED");
    const stored = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(JSON.stringify(stored.output)).not.toContain(RAW.constantEmail);
    const revealed = await revealRun(h.t.db, h.principal, runId, {});
    expect(revealed.run?.output).toEqual({ own: "ops-lead@bank.example", sub: { got: RAW.email, also: `cc ${RAW.constantEmail}` } });
  });

  it("an approval's details keep placeholders, also for the approver; a reveal returns them restored", async () => {
    await setPolicy("Card data at rest", MASKING);
    const wf = await h.publish(
      graph(
        { t: { type: "trigger.manual" }, ok: { type: "control.approval", config: { title: "Refund the customer?", details: "{ 'customer': trigger.body.email }" } } },
        ["t>ok"],
      ),
    );
    const runId = await h.start(wf, { email: RAW.email });
    await h.waitFor(runId, ["WAITING"]);
    const stored = await h.t.db.approval.findFirstOrThrow({ where: { runId } });
    expect(stored.details).toEqual({ customer: "[EMAIL_1]" });
    const asApprover = await getRun(h.t.db, asRole("approver"), runId);
    expect(asApprover.approvals[0]!.details).toEqual({ customer: "[EMAIL_1]" });
    const revealed = await revealRun(h.t.db, asRole("approver"), runId, {});
    expect(revealed.approvals).toEqual([{ id: stored.id, title: "Refund the customer?", details: { customer: RAW.email } }]);
  });

  it("a re-run from a node keeps the original run's vault: reused steps' placeholders can still be revealed", async () => {
    await setPolicy("Card data at rest", MASKING);
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          shape: { type: "tool.transform", config: { expression: `'Call ${RAW.constantEmail} about ' & trigger.body.email` } },
          bad: { type: "tool.transform", config: { expression: "$error('not yet')" } },
        },
        ["t>shape", "shape>bad"],
      ),
    );
    const failed = await h.start(wf, { email: RAW.email });
    expect((await h.waitFor(failed)).status).toBe("FAILED");
    const { runId } = await rerunFromNode({ db: h.t.db, redis: h.redis }, h.principal, failed, { nodeId: "bad" });
    await h.waitFor(runId);
    const reused = (await h.steps(runId)).get("shape")!;
    expect(reused.output).toBe("Call [EMAIL_2] about [EMAIL_1]");
    const revealed = await revealRun(h.t.db, h.principal, runId, {});
    expect(revealed.steps.find((st) => st.nodeId === "shape")!.output).toBe(`Call ${RAW.constantEmail} about ${RAW.email}`);
    expect(revealed.run?.input).toEqual({ body: { email: RAW.email } });
  });

  it("without maskAtRest nothing changes: the input is stored as received, the Output node restores, and there is nothing to reveal", async () => {
    echo();
    await setPolicy("Redact only", { pii: { actions: { email: "redact", card: "redact", phone: "redact" } } });
    const runId = await h.start(await ticketWorkflow(), { ticket: TICKET, email: RAW.email, card: RAW.card });
    const run = await h.waitFor(runId);
    expect(run.status).toBe("SUCCEEDED");
    expect(JSON.stringify(stub.calls[0]!.body)).not.toContain(RAW.email);
    const row = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row.input).toEqual({ body: { ticket: TICKET, email: RAW.email, card: RAW.card } });
    expect(row.output).toContain(RAW.email);
    const detail = await getRun(h.t.db, h.principal, runId);
    expect(detail.piiMasking).toBeNull();
    const reveals = await h.t.db.auditEvent.count({ where: { action: "pii.reveal" } });
    const refused = await refusal(revealRun(h.t.db, h.principal, runId, {}));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("No enabled policy covering this run masks personal data at rest now");
    expect(await h.t.db.auditEvent.count({ where: { action: "pii.reveal" } })).toBe(reveals);
  });
});
