import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { graph } from "@/test/engine-harness";
import { createModelFixtures, type TModelFixtures } from "../gateway/test-fixtures";
import type { TPrincipal } from "../auth/permissions";
import { createWorkflow } from "./create-workflow";
import { estimateCost, estimateWorkflowCost } from "./estimate-cost";

let t: TTestDb;
let f: TModelFixtures;
let principal: TPrincipal;
beforeAll(async () => {
  t = await createTestDatabase("estimate");
  f = await createModelFixtures(t.db, { primaryUrl: "http://127.0.0.1:9/v1", backupUrl: "http://127.0.0.1:9/v1" });
  const user = await t.db.user.create({ data: { email: "bo@example.com", name: "Bo" } });
  principal = { id: user.id, email: user.email, name: user.name, isOrgAdmin: false, memberships: [{ teamId: f.teamId, teamSlug: "t", teamName: "T", role: "viewer", isTeamArchived: false }] };
});
afterAll(async () => t?.drop());

const labels = [{ id: "billing", description: "Invoices" }, { id: "technical", description: "" }];

describe("estimateCost", () => {
  it("prices every model call with exact decimals and lists what it cannot know", async () => {
    const callee = await t.db.workflow.create({ data: { teamId: f.teamId, name: "Enrich", draftGraph: {}, webhookSecret: "s" } });
    const g = graph(
      {
        t: { type: "trigger.manual" },
        // 2.5 / 10 per 1M: 112 in (12 literal + 1 variable × 100), 250 out (25% of 1000) → (280 + 2500) / 1M
        summarise: {
          type: "ai.llm",
          config: { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Summarise: {{ trigger.body.text }}", maxTokens: 1000 },
          settings: { retry: { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000, retryOn: "retryable" } },
        },
        l: { type: "control.loop", config: { items: "trigger.body.items" } },
        // Route primary, then backup (0.4 / 1.6): estimated with the primary (2.5 / 10): 17 in, 3 out → 72.5 / 1M
        each: {
          type: "ai.llm",
          config: { model: { kind: "route", routeName: f.fallbackRoute }, systemPrompt: "You are terse.", prompt: "Hello world", maxTokens: 10 },
        },
        // Sandbox 0.15 / 0.6: 220 in, 45 out → (33 + 27) / 1M
        sort: { type: "ai.classifier", config: { labels, mode: "llm", input: "{{ trigger.body.message }}", model: { kind: "model", modelId: f.sandboxModelId } } },
        local: { type: "ai.classifier", config: { labels, mode: "local", input: "{{ trigger.body.message }}" } },
        ghost: { type: "ai.llm", config: { model: { kind: "model", modelId: "no-such-model" }, prompt: "Hi" } },
        unfinished: { type: "ai.llm", config: {} },
        sub: { type: "control.subworkflow", config: { workflowId: callee.id } },
      },
      ["t>summarise", "summarise>l", "l.item>each", "each>l.back", "l.done>sort", "sort.billing>sub"],
    );
    const estimate = await estimateCost(t.db, f.teamId, g);
    expect(estimate.nodes.map((n) => [n.nodeId, n.model, n.estimatedTokensIn, n.estimatedTokensOut, n.costUsd])).toEqual([
      ["summarise", expect.stringMatching(/^primary-model-/), 112, 250, "0.00278"],
      ["each", expect.stringMatching(/^primary-model-/), 17, 3, "0.0000725"],
      ["sort", "sandbox-fast", 220, 45, "0.00006"],
      // Unknown model: tokens are still estimated (o200k: 3 + 3 + "user" 1 + "Hi" 1), but not priced.
      ["ghost", "unknown", 8, 256, "0"],
    ]);
    expect(estimate.totalUsd).toBe("0.0029125");
    expect(estimate.nodes[0]?.basis).toBe("prompt ~12 tokens + 1 variable × 100; output ~25% of 1000 max tokens");
    const caveats = estimate.caveats.join("\n");
    expect(caveats).toContain('Node "summarise" may be tried up to 3 times');
    expect(caveats).toContain(`Node "each": the route "${f.fallbackRoute}" (fallback) may call models priced differently ($2.5/10, $0.4/1.6 per 1M tokens in/out)`);
    expect(caveats).toContain('Node "each" runs once per item of the loop "l": multiply its cost by the number of items.');
    expect(caveats).toContain('Node "ghost": its model does not exist, so its cost is not counted.');
    expect(caveats).toContain('Node "unfinished" is not fully configured yet, so its cost is not counted.');
    expect(caveats).toContain('Node "sub" calls the workflow "Enrich": the cost of that run is not included.');
    expect(caveats).toContain("as if every branch ran");
  });

  it("estimates a lowest-cost route with its cheapest model, and the saved draft when no graph is given", async () => {
    await t.db.route.create({ data: { name: "cheap-first", strategy: "lowest_cost", targets: [{ modelId: f.primaryModelId }, { modelId: f.backupModelId }] } });
    const g = graph(
      {
        t: { type: "trigger.manual" },
        // Backup 0.4 / 1.6: 17 in, 3 out → (6.8 + 4.8) / 1M
        a: { type: "ai.llm", config: { model: { kind: "route", routeName: "cheap-first" }, systemPrompt: "You are terse.", prompt: "Hello world", maxTokens: 10 } },
      },
      ["t>a"],
    );
    const wf = await createWorkflow(t.db, { ...principal, memberships: [{ ...principal.memberships[0]!, role: "builder" }] }, { teamId: f.teamId, name: "Cheap", graph: g });
    const estimate = await estimateWorkflowCost(t.db, principal, wf.id, {});
    expect(estimate.nodes).toMatchObject([{ nodeId: "a", model: expect.stringMatching(/^backup-model-/), costUsd: "0.0000116" }]);
    expect(estimate.totalUsd).toBe("0.0000116");
    expect(estimate.caveats).toEqual([expect.stringContaining('estimated with its primary model "backup-model-')]);

    // A disabled route is refused by the gateway: the node costs nothing and the estimate says why.
    await t.db.route.update({ where: { name: "cheap-first" }, data: { isEnabled: false } });
    const disabled = await estimateWorkflowCost(t.db, principal, wf.id, {});
    expect(disabled.totalUsd).toBe("0");
    expect(disabled.caveats).toEqual(['Node "a": the route "cheap-first" is disabled, so its calls would be refused; its cost is not counted.']);

    const empty = await estimateWorkflowCost(t.db, principal, wf.id, { graph: { nodes: [], edges: [] } });
    expect(empty).toEqual({ totalUsd: "0", nodes: [], caveats: [] });
    await expect(estimateWorkflowCost(t.db, principal, wf.id, { graph: { nodes: "x" } })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(estimateWorkflowCost(t.db, { ...principal, memberships: [] }, wf.id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
