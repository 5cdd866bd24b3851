// Budgets under concurrency, across processes: 20 runs started at once on two real worker processes against a budget
// that fits 5 calls; and a worker killed mid-call, whose reservation must expire by itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { allowPrivateNetworks } from "@/test/outbound-settings";
import { spawnWorker, type TWorkerProcess } from "@/test/worker-process";
import { Prisma } from "@/server/db/generated/client";
import { budgetStatus } from "@/server/budgets/ledger";
import { countChatTokens } from "@/server/gateway/tokenizer";
import { costUsd } from "@/server/gateway/pricing";

let h: THarness;
let stub: TLlmStub;
let modelId: string;
const workers: TWorkerProcess[] = [];
const MAX_TOKENS = 1000;
const PRICES = { inputPricePerMTok: "2.5", outputPricePerMTok: "10" };
const PROMPT = "Score this payment for fraud risk.";

beforeAll(async () => {
  [h, stub] = await Promise.all([startHarness("budgetrace", { isEngineStarted: false }), startLlmStub()]);
  // The stub is on loopback: model providers reach it only because private networks are allowed, as an admin would.
  await allowPrivateNetworks(h.t.db);
  const provider = await h.t.db.provider.create({ data: { name: "Stub", kind: "openai_compatible", baseUrl: stub.baseUrl } });
  const model = await h.t.db.model.create({
    data: { providerId: provider.id, name: "stub-model", displayName: "Stub", ...PRICES, contextWindow: 128_000 },
  });
  modelId = model.id;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop("SIGKILL")));
  await stub?.close();
  await h?.close();
});

/** Each call costs exactly what was projected: the prompt's counted tokens and the node's maxTokens. */
function answerAtProjection(delayMs: number): void {
  stub.setHandler((call) => {
    const body = call.body as { messages: { role: "user" | "system"; content: string }[]; model: string };
    return { delayMs, content: "ok", usage: { prompt_tokens: countChatTokens(body.messages, body.model), completion_tokens: MAX_TOKENS } };
  });
}

const projectedCost = () => costUsd(PRICES, countChatTokens([{ role: "user", content: PROMPT }], "stub-model"), MAX_TOKENS);

function workflow(timeoutMs = 30_000) {
  return h.publish(
    graph(
      {
        t: { type: "trigger.manual" },
        llm: { type: "ai.llm", config: { model: { kind: "model", modelId }, prompt: PROMPT, maxTokens: MAX_TOKENS }, settings: { timeoutMs } },
      },
      ["t>llm"],
    ),
  );
}

describe("budget reservations across worker processes", () => {
  it("20 runs at once on two workers against a budget that fits 5 calls: at most 6 calls reach the model, spent is the sum of step costs", async () => {
    answerAtProjection(300);
    const wf = await workflow();
    const per = projectedCost();
    const budget = await h.t.db.budget.create({
      data: { name: "Fits five", scope: "workflow", workflowId: wf, teamId: h.teamId, period: "month", amountUsd: per.times(5.5), onExceeded: "block" },
    });
    const env = { WORKER_CONCURRENCY: "20" }; // REDIS_PREFIX is inherited (test/setup-env.ts)
    workers.push(...(await Promise.all([spawnWorker(h.t.url, env), spawnWorker(h.t.url, env)])));
    const runIds = await Promise.all(Array.from({ length: 20 }, () => h.start(wf, {})));
    const runs = await Promise.all(runIds.map((id) => h.waitFor(id, ["SUCCEEDED", "FAILED"], 60_000)));

    const succeeded = runs.filter((r) => r.status === "SUCCEEDED").length;
    expect(stub.calls.length).toBeLessThanOrEqual(6);
    expect(succeeded).toBe(stub.calls.length);
    expect(succeeded).toBeGreaterThanOrEqual(5);
    for (const r of runs.filter((x) => x.status === "FAILED")) expect(r.error).toMatch(/Blocked by budget "Fits five": it would be exceeded/);

    const steps = await h.t.db.stepRun.findMany({ where: { runId: { in: runIds }, nodeId: "llm" }, select: { costUsd: true } });
    const stepSum = steps.reduce((s, x) => s.plus(x.costUsd), new Prisma.Decimal(0));
    const ledger = await h.t.db.usageEntry.aggregate({ where: { workflowId: wf }, _sum: { costUsd: true } });
    expect(ledger._sum.costUsd?.toString()).toBe(stepSum.toString());
    const status = await budgetStatus({ db: h.t.db, redis: h.redis }, budget);
    expect(Number(status.spentUsd)).toBe(stepSum.toNumber());
    expect(Number(status.reservedUsd)).toBe(0);
    await Promise.all(workers.splice(0).map((w) => w.stop("SIGTERM")));
  }, 90_000);

  it("a worker killed mid-call leaves a reservation that expires by itself and frees the budget", async () => {
    stub.reset();
    answerAtProjection(20_000);
    // A 2 s node timeout: the reservation lives 2 s plus the 5 s margin.
    const wf = await workflow(2000);
    const per = projectedCost();
    const budget = await h.t.db.budget.create({
      data: { name: "One call", scope: "workflow", workflowId: wf, teamId: h.teamId, period: "month", amountUsd: per.times(1.5), onExceeded: "block" },
    });
    const worker = await spawnWorker(h.t.url);
    workers.push(worker);
    await h.start(wf, {});
    const deadline = Date.now() + 15_000;
    while (stub.calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stub.calls).toHaveLength(1);
    const deps = { db: h.t.db, redis: h.redis };
    expect(Number((await budgetStatus(deps, budget)).reservedUsd)).toBe(per.toNumber());
    await worker.stop("SIGKILL");
    const expiry = Date.now() + 12_000;
    let reserved = Number((await budgetStatus(deps, budget)).reservedUsd);
    while (reserved !== 0 && Date.now() < expiry) {
      await new Promise((r) => setTimeout(r, 250));
      reserved = Number((await budgetStatus(deps, budget)).reservedUsd);
    }
    expect(reserved).toBe(0);
    expect(Number((await budgetStatus(deps, budget)).spentUsd)).toBe(0);
  }, 40_000);
});
