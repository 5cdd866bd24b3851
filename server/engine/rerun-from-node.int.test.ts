import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { createModelFixtures, type TModelFixtures } from "../gateway/test-fixtures";
import type { TPrincipal } from "../auth/permissions";
import { getRun } from "../runs/get-run";
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
          ask: { type: "ai.llm", config: { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Say hi to {{ trigger.body.name }}" } },
          a: get("/a"),
          b: get("/b"),
          out: { type: "control.output", config: { value: "{ 'text': nodes.ask.output.text, 'a': nodes.a.output.body.a, 'b': nodes.b.output.body.b }" } },
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
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: { text: "Hello from the stub.", a: 1, b: 2 } });
    expect([llm.calls.length, http.callsTo("/a").length, http.callsTo("/b").length]).toEqual([1, 1, 2]);

    const detail = await getRun(h.t.db, h.principal, runId);
    const byNode = new Map(detail.steps.map((s) => [s.nodeId, s]));
    expect(detail.versionNumber).toBe(1);
    expect(detail.triggerType).toBe("manual");
    expect(detail.input).toEqual({ body: { name: "Ann" } });
    expect(["t", "ask", "a", "b", "out"].map((id) => byNode.get(id)?.reusedFromRunId ?? null)).toEqual([failed, failed, failed, null, null]);
    // The reused model call was paid by the original run, not again by this one.
    expect(byNode.get("ask")).toMatchObject({ costUsd: "0", tokensIn: 0, policyDecisions: decisions });
    expect(byNode.get("b")).toMatchObject({ status: "SUCCEEDED", attempt: 1, policyDecisions: null });
    expect(detail.costUsd).toBe("0");
    const audit = await h.t.db.auditEvent.findFirst({ where: { action: "run.rerun_requested", resourceId: runId } });
    expect(audit?.data).toMatchObject({ rerunOf: failed, fromNodeId: "b", reusedSteps: 3 });

    expect((await getRun(h.t.db, h.principal, failed)).canRerun).toBe(true);
    await expect(rerunFromNode(deps(), h.principal, runId, { nodeId: "b" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rerunFromNode(deps(), h.principal, failed, { nodeId: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(rerunFromNode(deps(), h.principal, failed, { nodeId: "not a node" })).rejects.toMatchObject({ code: "VALIDATION" });
    const viewer: TPrincipal = { ...h.principal, memberships: h.principal.memberships.map((m) => ({ ...m, role: "viewer" })) };
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
});
