// Model changes seen by the run engine, end to end (real worker, Postgres, Redis, the Sandbox provider): a step keeps
// the cost it was charged when its model's price changes later, the next step is charged the new price, and a
// disabled model (or provider) fails the step with an error that names it and the setting to change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import type { TPrincipal } from "../auth/permissions";
import { costUsd } from "../gateway/pricing";
import { clearTargetCache } from "../gateway/resolve-target";
import { createModel, updateModel } from "./manage-models";

let h: THarness;
let org: TPrincipal;
let providerId: string;
let modelId: string;
let workflowId: string;

beforeAll(async () => {
  h = await startHarness("modelprices");
  const admin = await h.t.db.user.create({ data: { email: "org@example.com", name: "Org", isOrgAdmin: true } });
  org = { id: admin.id, email: admin.email, name: admin.name, isOrgAdmin: true, memberships: [] };
  providerId = (
    await h.t.db.provider.create({
      data: { name: "Sandbox (test)", kind: "sandbox", settings: { latencyMs: 0, latencyJitterMs: 0, errorRate: 0 } },
    })
  ).id;
  const model = await createModel(h.t.db, org, {
    providerId,
    name: "sandbox-fast",
    displayName: "Sandbox Fast",
    inputPricePerMTok: "1",
    outputPricePerMTok: "2",
    contextWindow: 128_000,
  });
  modelId = model.id;
  workflowId = await h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        llm: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt: "Summarise: {{ trigger.body.text }}", maxTokens: 60 } },
        out: { type: "control.output", config: { value: "nodes.llm.output.text" } },
      },
      ["t>llm", "llm>out"],
    ),
  );
});
afterAll(async () => h?.close());

async function runOnce(): Promise<{ runId: string; status: string; step: { costUsd: string; tokensIn: number; tokensOut: number; error: string | null; errorCode: string | null; status: string } }> {
  const runId = await h.start(workflowId, { text: "The invoice was paid twice; refund one of the payments." });
  const run = await h.waitFor(runId);
  const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "llm" } });
  return { runId, status: run.status, step: { ...step, costUsd: step.costUsd.toFixed(8) } };
}

describe("model prices and availability at run time", () => {
  it("charges a step the price in force when it ran: a later price change leaves it as it was", async () => {
    const first = await runOnce();
    expect(first.status).toBe("SUCCEEDED");
    expect(first.step.tokensIn).toBeGreaterThan(0);
    const oldCost = costUsd({ inputPricePerMTok: "1", outputPricePerMTok: "2" }, first.step.tokensIn, first.step.tokensOut).toFixed(8);
    expect(first.step.costUsd).toBe(oldCost);
    const ledgerBefore = await h.t.db.usageEntry.findMany({ where: { runId: first.runId } });
    expect(ledgerBefore.map((e) => e.costUsd.toFixed(8))).toEqual([oldCost]);

    await updateModel(h.t.db, org, modelId, { inputPricePerMTok: "10", outputPricePerMTok: "20" });

    const second = await runOnce();
    expect(second.status).toBe("SUCCEEDED");
    expect(second.step.costUsd).toBe(costUsd({ inputPricePerMTok: "10", outputPricePerMTok: "20" }, second.step.tokensIn, second.step.tokensOut).toFixed(8));
    expect(second.step.costUsd).not.toBe(first.step.costUsd);

    // The first run's step, run total and ledger row are untouched by the change.
    const again = await h.t.db.stepRun.findFirstOrThrow({ where: { runId: first.runId, nodeId: "llm" } });
    expect(again.costUsd.toFixed(8)).toBe(oldCost);
    expect((await h.t.db.run.findUniqueOrThrow({ where: { id: first.runId } })).costUsd.toFixed(8)).toBe(oldCost);
    expect((await h.t.db.usageEntry.findMany({ where: { runId: first.runId } })).map((e) => e.costUsd.toFixed(8))).toEqual([oldCost]);

    const history = await h.t.db.modelPrice.findMany({ where: { modelId }, orderBy: { validFrom: "asc" } });
    expect(history.map((p) => [p.inputPricePerMTok.toFixed(), p.outputPricePerMTok.toFixed()])).toEqual([
      ["1", "2"],
      ["10", "20"],
    ]);
  });

  it("fails the step of a published workflow whose model was disabled, naming the model and the setting", async () => {
    await updateModel(h.t.db, org, modelId, { isEnabled: false });
    try {
      const run = await runOnce();
      expect(run.status).toBe("FAILED");
      expect(run.step.status).toBe("FAILED");
      expect(run.step.errorCode).toBe("INVALID_CONFIG");
      expect(run.step.error).toBe(
        'The model "Sandbox Fast" (sandbox-fast) is disabled in Settings → Models: enable it there, or choose another model for this node.',
      );
      expect(run.step.costUsd).toBe("0.00000000");
    } finally {
      await updateModel(h.t.db, org, modelId, { isEnabled: true });
    }
  });

  it("names the provider when the model is enabled but its provider is not", async () => {
    await h.t.db.provider.update({ where: { id: providerId }, data: { isEnabled: false } });
    clearTargetCache(h.t.db);
    try {
      const run = await runOnce();
      expect(run.status).toBe("FAILED");
      expect(run.step.error).toBe(
        'The model "Sandbox Fast" (sandbox-fast) cannot be called: its provider "Sandbox (test)" is disabled in Settings → Providers.',
      );
    } finally {
      await h.t.db.provider.update({ where: { id: providerId }, data: { isEnabled: true } });
      clearTargetCache(h.t.db);
    }
  });
});
