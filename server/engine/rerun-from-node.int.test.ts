import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { createModelFixtures, type TModelFixtures } from "../gateway/test-fixtures";
import type { TPrincipal } from "../auth/permissions";
import { getRun } from "../runs/get-run";
import { saveDraft } from "../workflows/save-draft";
import { startTestRun } from "../workflows/start-test-run";
import { rerunFromNode } from "./rerun-from-node";

let h: THarness;
let http: THttpStub;
let llm: TLlmStub;
let f: TModelFixtures;
beforeAll(async () => {
  [h, http, llm] = await Promise.all([startHarness("rerun"), startHttpStub(), startLlmStub()]);
  f = await createModelFixtures(h.t.db, { primaryUrl: llm.baseUrl, backupUrl: llm.baseUrl });
});
afterAll(async () => {
  await Promise.all([http?.close(), llm?.close()]);
  await h?.close();
});

const deps = () => ({ db: h.t.db, redis: h.redis });
const get = (path: string) => ({ type: "tool.http" as const, config: { method: "GET", url: `${http.url}${path}` } });

describe("rerunFromNode", () => {
  it("re-runs only the failed node and what follows, reusing the outputs (and not the calls) of the steps before it", async () => {
    let isBroken = true;
    http.route("/b", () => (isBroken ? { status: 500, json: { error: "down" } } : { json: { b: 2 } }));
    http.route("/a", () => ({ json: { a: 1 } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          ask: {
            type: "ai.llm",
            config: {
              model: { kind: "model", modelId: f.primaryModelId },
              prompt: "Say hi to {{ trigger.body.name }}",
            },
          },
          a: get("/a"),
          b: get("/b"),
          out: {
            type: "control.output",
            config: {
              value: "{ 'text': nodes.ask.output.text, 'a': nodes.a.output.body.a, 'b': nodes.b.output.body.b }",
            },
          },
        },
        ["t>ask", "ask>a", "a>b", "b>out"],
      ),
    );
    const failed = await h.start(wf, { name: "Ann" });
    expect(await h.waitFor(failed)).toMatchObject({ status: "FAILED" });
    expect([llm.calls.length, http.callsTo("/a").length, http.callsTo("/b").length]).toEqual([1, 1, 1]);
    const decisions = { pre: { allowed: true, reasons: ["no policy"] } };
    await h.t.db.stepRun.updateMany({ where: { runId: failed, nodeId: "ask" }, data: { policyDecisions: decisions } });
    // Rows written without an idempotency key (older data, generated history) are still marked as reused.
    await h.t.db.stepRun.updateMany({ where: { runId: failed, nodeId: "t" }, data: { idempotencyKey: null } });

    isBroken = false;
    const { runId, reusedSteps } = await rerunFromNode(deps(), h.principal, failed, { nodeId: "b" });
    expect(reusedSteps).toBe(3);
    expect(await h.waitFor(runId)).toMatchObject({
      status: "SUCCEEDED",
      output: { text: "Hello from the stub.", a: 1, b: 2 },
    });
    expect([llm.calls.length, http.callsTo("/a").length, http.callsTo("/b").length]).toEqual([1, 1, 2]);

    const detail = await getRun(h.t.db, h.principal, runId);
    const byNode = new Map(detail.steps.map((s) => [s.nodeId, s]));
    expect(detail.versionNumber).toBe(1);
    expect(detail.triggerType).toBe("manual");
    expect(detail.input).toEqual({ body: { name: "Ann" } });
    expect(["t", "ask", "a", "b", "out"].map((id) => byNode.get(id)?.reusedFromRunId ?? null)).toEqual([
      failed,
      failed,
      failed,
      null,
      null,
    ]);
    // The reused model call was paid by the original run, not again by this one.
    expect(byNode.get("ask")).toMatchObject({ costUsd: "0", tokensIn: 0, policyDecisions: decisions });
    expect(byNode.get("b")).toMatchObject({ status: "SUCCEEDED", attempt: 1, policyDecisions: null });
    expect(detail.costUsd).toBe("0");
    const audit = await h.t.db.auditEvent.findFirst({ where: { action: "run.rerun_requested", resourceId: runId } });
    expect(audit?.data).toMatchObject({ rerunOf: failed, fromNodeId: "b", reusedSteps: 3 });

    expect((await getRun(h.t.db, h.principal, failed)).canRerun).toBe(true);
    await expect(rerunFromNode(deps(), h.principal, runId, { nodeId: "b" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(rerunFromNode(deps(), h.principal, failed, { nodeId: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(rerunFromNode(deps(), h.principal, failed, { nodeId: "not a node" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const viewer: TPrincipal = {
      ...h.principal,
      memberships: h.principal.memberships.map((m) => ({ ...m, role: "viewer" })),
    };
    await expect(rerunFromNode(deps(), viewer, failed, { nodeId: "b" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider: TPrincipal = { ...h.principal, memberships: [] };
    await expect(rerunFromNode(deps(), outsider, failed, { nodeId: "b" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("re-runs a whole loop when the failed node is inside its body, and keeps what came before the loop", async () => {
    http.route("/seed", () => ({ json: { items: [1, 2, 3] } }));
    let isFlaky = true;
    http.route("/item", (_call, nth) => (isFlaky && nth === 2 ? { status: 500 } : { json: { ok: nth } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          seed: get("/seed"),
          l: { type: "control.loop", config: { items: "nodes.seed.output.body.items", concurrency: 1 } },
          item: get("/item"),
          out: { type: "control.output", config: { value: "$count(nodes.l.output.results)" } },
        },
        ["t>seed", "seed>l", "l.item>item", "item>l.back", "l.done>out"],
      ),
    );
    const failed = await h.start(wf);
    expect(await h.waitFor(failed)).toMatchObject({ status: "FAILED" });
    expect([http.callsTo("/seed").length, http.callsTo("/item").length]).toEqual([1, 2]);

    isFlaky = false;
    const { runId, reusedSteps } = await rerunFromNode(deps(), h.principal, failed, { nodeId: "item" });
    expect(reusedSteps).toBe(2);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: 3 });
    expect([http.callsTo("/seed").length, http.callsTo("/item").length]).toEqual([1, 5]);
  });

  it("re-runs a test run with the fixed draft: the fixed node and any changed one run again, the rest is reused", async () => {
    http.route("/orders", () => ({ json: { total: 40 } }));
    http.route("/v2/orders", () => ({ json: { total: 42 } }));
    const broken = graph(
      {
        t: { type: "trigger.manual" },
        ask: {
          type: "ai.llm",
          config: { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Hi {{ trigger.body.name }}" },
        },
        fetch: get("/orders"),
        // Fails at run time (no such function), past validation: the mistake the person will fix.
        shape: { type: "tool.transform", config: { expression: "$notAFunction(nodes.fetch.output.body.total)" } },
        out: {
          type: "control.output",
          config: { value: "{ 'text': nodes.ask.output.text, 'total': nodes.shape.output }" },
        },
      },
      ["t>ask", "ask>fetch", "fetch>shape", "shape>out"],
    );
    const wfId = await h.publish(graph({ t: { type: "trigger.manual" }, shape: broken.nodes[3]! }, ["t>shape"]));
    const saved = await saveDraft(h.t.db, h.principal, wfId, { graph: broken, revision: 1 });
    const { runId: failed, versionId: firstSnapshot } = await startTestRun(deps(), h.principal, wfId, {
      input: { name: "Ann" },
      revision: saved.draftRevision,
    });
    expect(await h.waitFor(failed)).toMatchObject({ status: "FAILED" });
    const calls = () => [llm.calls.length, http.callsTo("/orders").length, http.callsTo("/v2/orders").length];
    const start = calls();

    // The person fixes the transform and also points the fetch at another URL: both run again, the model call does not.
    const fixed = {
      ...broken,
      nodes: broken.nodes.map((n) =>
        n.id === "shape"
          ? { ...n, config: { expression: "nodes.fetch.output.body.total * 2" } }
          : n.id === "fetch"
            ? { ...n, ...get("/v2/orders") }
            : n,
      ),
    };
    const second = await saveDraft(h.t.db, h.principal, wfId, { graph: fixed, revision: saved.draftRevision });
    await expect(
      rerunFromNode(deps(), h.principal, failed, { nodeId: "shape", revision: saved.draftRevision }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const { runId, reusedSteps } = await rerunFromNode(deps(), h.principal, failed, {
      nodeId: "shape",
      revision: second.draftRevision,
    });
    expect(reusedSteps).toBe(2);
    expect(await h.waitFor(runId)).toMatchObject({
      status: "SUCCEEDED",
      output: { text: "Hello from the stub.", total: 84 },
    });
    expect(calls()).toEqual([start[0], start[1], start[2]! + 1]);

    const detail = await getRun(h.t.db, h.principal, runId);
    const byNode = new Map(detail.steps.map((s) => [s.nodeId, s]));
    expect(["t", "ask", "fetch", "shape", "out"].map((id) => byNode.get(id)?.reusedFromRunId ?? null)).toEqual([
      failed,
      failed,
      null,
      null,
      null,
    ]);
    expect(detail.triggerType).toBe("test");
    expect(detail.input).toEqual({ body: { name: "Ann" }, isTest: true });
    const version = await h.t.db.run.findUniqueOrThrow({
      where: { id: runId },
      select: { workflowVersion: { select: { id: true, number: true, isTestSnapshot: true } } },
    });
    expect(version.workflowVersion).toMatchObject({ number: -second.draftRevision, isTestSnapshot: true });
    expect(version.workflowVersion.id).not.toBe(firstSnapshot);
    const audit = await h.t.db.auditEvent.findFirst({ where: { action: "run.rerun_requested", resourceId: runId } });
    expect(audit?.data).toMatchObject({
      rerunOf: failed,
      fromNodeId: "shape",
      draftRevision: second.draftRevision,
      changedNodes: ["fetch", "shape"],
    });

    // A run of a published version re-runs that version only; a draft with problems is refused with them.
    const published = await h.start(wfId);
    expect(await h.waitFor(published)).toMatchObject({ status: "FAILED" });
    await expect(
      rerunFromNode(deps(), h.principal, published, { nodeId: "shape", revision: second.draftRevision }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Only a test run can be re-run with the draft/),
    });
    await expect(
      rerunFromNode(deps(), h.principal, failed, { nodeId: "nope", revision: second.draftRevision }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const invalid = {
      ...fixed,
      nodes: fixed.nodes.map((n) => (n.id === "fetch" ? { ...n, config: { method: "GET", url: "" } } : n)),
    };
    const third = await saveDraft(h.t.db, h.principal, wfId, { graph: invalid, revision: second.draftRevision });
    await expect(
      rerunFromNode(deps(), h.principal, failed, { nodeId: "shape", revision: third.draftRevision }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("keeps the warnings of the steps it reuses (text replaced to store an output)", async () => {
    http.route("/down", () => ({ status: 500, json: { error: "down" } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          c: { type: "tool.code", config: { code: 'return { s: "a\\u0000b" };' } },
          down: get("/down"),
        },
        ["t>c", "c>down"],
      ),
    );
    const failed = await h.start(wf);
    expect(await h.waitFor(failed)).toMatchObject({ status: "FAILED" });
    const original = await h.t.db.stepRun.findFirstOrThrow({ where: { runId: failed, nodeId: "c" } });
    expect(original.errorCode).toBe("VALUE_REPLACED");
    const { runId } = await rerunFromNode(deps(), h.principal, failed, { nodeId: "down" });
    await h.waitFor(runId);
    const copied = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "c" } });
    expect(copied).toMatchObject({ status: "SUCCEEDED", errorCode: "VALUE_REPLACED", error: original.error });
  });
});
