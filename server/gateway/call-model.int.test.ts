import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { createCircuitBreaker, providerBreakerKey } from "../net/circuit-breaker";
import { NodeError } from "../nodes/node-error";
import { createRedis } from "../redis/client";
import { callModel, type TCallModelInput } from "./call-model";
import { clearTargetCache } from "./resolve-target";
import { createModelFixtures, STUB_API_KEY, type TModelFixtures } from "./test-fixtures";
import { countChatTokens } from "./tokenizer";
import { costUsd } from "./pricing";

let t: TTestDb;
let primary: TLlmStub;
let backup: TLlmStub;
let f: TModelFixtures;

beforeAll(async () => {
  [t, primary, backup] = await Promise.all([createTestDatabase("callmodel"), startLlmStub(), startLlmStub()]);
  f = await createModelFixtures(t.db, { primaryUrl: primary.baseUrl, backupUrl: backup.baseUrl });
});
afterAll(async () => {
  await Promise.all([primary?.close(), backup?.close()]);
  await t?.drop();
});
afterEach(() => {
  primary.reset();
  backup.reset();
  clearTargetCache(t.db);
});

const messages: TCallModelInput["messages"] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Summarise: the invoice was paid twice." },
];
const input = (target: TCallModelInput["target"], extra: Partial<TCallModelInput> = {}): TCallModelInput => ({
  target,
  messages,
  signal: new AbortController().signal,
  teamId: f.teamId,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("callModel", () => {
  it("calls the Sandbox provider row and accounts tokens and cost exactly", async () => {
    const result = await callModel({ db: t.db }, input({ modelId: f.sandboxModelId }, { maxTokens: 200 }));
    expect(result.content.length).toBeGreaterThan(0);
    expect(result.finishReason).toBe("stop");
    const tokensIn = countChatTokens(messages, "sandbox-fast");
    expect(result.usage).toMatchObject({
      model: "sandbox-fast",
      provider: expect.stringMatching(/^Sandbox /),
      tokensIn,
    });
    expect(result.usage.tokensOut).toBeGreaterThan(0);
    expect(result.usage.costUsd).toBe(
      costUsd({ inputPricePerMTok: "0.15", outputPricePerMTok: "0.6" }, tokensIn, result.usage.tokensOut).toFixed(8),
    );
    expect(result.attempts).toHaveLength(1);
  });

  it("calls an OpenAI-compatible provider over HTTP with its decrypted key and records usage and exact cost", async () => {
    primary.setHandler(() => ({
      content: "Paid twice; refund one.",
      usage: { prompt_tokens: 1234, completion_tokens: 567 },
    }));
    const result = await callModel(
      { db: t.db },
      input(
        { modelId: f.primaryModelId },
        { temperature: 0.3, maxTokens: 50, responseFormat: { type: "json_object" } },
      ),
    );
    expect(primary.calls).toHaveLength(1);
    const call = primary.calls[0];
    expect(call?.headers.authorization).toBe(`Bearer ${STUB_API_KEY}`);
    expect(call?.body).toEqual({
      model: expect.stringMatching(/^primary-model-/),
      messages,
      temperature: 0.3,
      max_tokens: 50,
      response_format: { type: "json_object" },
    });
    expect(result.content).toBe("Paid twice; refund one.");
    // 1,234 × $2.50/M + 567 × $10/M = $0.008755
    expect(result.usage).toMatchObject({ tokensIn: 1234, tokensOut: 567, costUsd: "0.00875500" });
    expect(result.usage.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("counts tokens itself when the provider reports no usage", async () => {
    primary.setHandler(() => ({ content: "Hello there", usage: null }));
    const result = await callModel({ db: t.db }, input({ modelId: f.primaryModelId }));
    expect(result.usage.tokensIn).toBe(countChatTokens(messages, result.usage.model));
    expect(result.usage.tokensOut).toBe(2);
  });

  it("falls back to the next route target on a 500, recording both attempts", async () => {
    primary.setHandler(() => ({ status: 500 }));
    backup.setHandler(() => ({ content: "from backup", usage: { prompt_tokens: 1000, completion_tokens: 1000 } }));
    const result = await callModel({ db: t.db }, input({ routeName: f.fallbackRoute }));
    expect(result.content).toBe("from backup");
    expect(primary.calls).toHaveLength(1);
    expect(backup.calls).toHaveLength(1);
    expect(backup.calls[0]?.headers.authorization).toBeUndefined();
    expect(result.attempts.map((a) => a.error?.code ?? "ok")).toEqual(["HTTP_5XX", "ok"]);
    expect(result.usage).toMatchObject({ model: expect.stringMatching(/^backup-model-/), costUsd: "0.00200000" });
  });

  it("falls back on 429 and network errors too", async () => {
    primary.setHandler(() => ({ status: 429, headers: { "retry-after": "2" } }));
    expect((await callModel({ db: t.db }, input({ routeName: f.fallbackRoute }))).attempts[0]?.error?.code).toBe(
      "RATE_LIMITED",
    );

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await t.db.provider.update({
      where: { id: f.primaryProviderId },
      data: { baseUrl: `http://127.0.0.1:${port}/v1` },
    });
    clearTargetCache(t.db);
    try {
      const result = await callModel({ db: t.db }, input({ routeName: f.fallbackRoute }));
      expect(result.attempts.map((a) => a.error?.code ?? "ok")).toEqual(["NETWORK", "ok"]);
    } finally {
      await t.db.provider.update({ where: { id: f.primaryProviderId }, data: { baseUrl: primary.baseUrl } });
    }
  });

  it("does not fall back on a 400, and says why", async () => {
    primary.setHandler(() => ({ status: 400, body: { error: { message: "Unknown parameter: 'foo'." } } }));
    const error = await rejection(callModel({ db: t.db }, input({ routeName: f.fallbackRoute })));
    expect(error.code).toBe("HTTP_4XX");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("Unknown parameter: 'foo'.");
    expect(backup.calls).toHaveLength(0);
    expect(error.details?.attempts).toHaveLength(1);
  });

  it("fails with every attempt listed when all targets fail", async () => {
    primary.setHandler(() => ({ status: 503 }));
    backup.setHandler(() => ({ status: 502 }));
    const error = await rejection(callModel({ db: t.db }, input({ routeName: f.fallbackRoute })));
    expect(error.code).toBe("HTTP_5XX");
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/^All 2 targets failed: .*503.* \| .*502/);
  });

  it("times out a slow target and moves on", async () => {
    primary.setHandler(() => ({ delayMs: 5000 }));
    const started = Date.now();
    const result = await callModel({ db: t.db }, input({ routeName: f.fallbackRoute }, { timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.attempts.map((a) => a.error?.code ?? "ok")).toEqual(["TIMEOUT", "ok"]);
  });

  it("aborts an in-flight call on the signal without trying the next target", async () => {
    primary.setHandler(() => ({ delayMs: 5000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(
      callModel({ db: t.db }, input({ routeName: f.fallbackRoute }, { signal: controller.signal })),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe("CANCELLED");
    expect(backup.calls).toHaveLength(0);
  });

  it("keeps the engine's abort reason (a step timeout) instead of calling it a cancellation", async () => {
    primary.setHandler(() => ({ delayMs: 5000 }));
    const controller = new AbortController();
    setTimeout(
      () => controller.abort(new NodeError("TIMEOUT", 'Node "x" took longer than 100 ms and was stopped.')),
      100,
    );
    const error = await rejection(
      callModel({ db: t.db }, input({ modelId: f.primaryModelId }, { signal: controller.signal })),
    );
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toBe('Node "x" took longer than 100 ms and was stopped.');
    expect(error.details?.attempts).toHaveLength(1);
  });

  it("skips disabled models and providers, and refuses when nothing is left", async () => {
    await t.db.model.update({ where: { id: f.primaryModelId }, data: { isEnabled: false } });
    try {
      const result = await callModel({ db: t.db }, input({ routeName: f.fallbackRoute }));
      expect(result.attempts).toHaveLength(1);
      expect(primary.calls).toHaveLength(0);
      await t.db.provider.update({ where: { id: f.sandboxProviderId }, data: { isEnabled: false } });
      clearTargetCache(t.db);
      const error = await rejection(callModel({ db: t.db }, input({ routeName: f.sandboxRoute })));
      expect(error.code).toBe("INVALID_CONFIG");
      expect(error.message).toContain("disabled");
    } finally {
      await t.db.model.update({ where: { id: f.primaryModelId }, data: { isEnabled: true } });
      await t.db.provider.update({ where: { id: f.sandboxProviderId }, data: { isEnabled: true } });
    }
  });

  it("refuses unknown targets and misconfigured providers clearly", async () => {
    expect((await rejection(callModel({ db: t.db }, input({ routeName: "no-such-route" })))).message).toBe(
      'No route is named "no-such-route".',
    );
    const anthropic = await t.db.provider.create({ data: { name: "Anthropic test", kind: "anthropic" } });
    const model = await t.db.model.create({
      data: {
        providerId: anthropic.id,
        name: "claude-test",
        displayName: "c",
        inputPricePerMTok: "3",
        outputPricePerMTok: "15",
        contextWindow: 1000,
      },
    });
    const error = await rejection(callModel({ db: t.db }, input({ modelId: model.id })));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toBe('Provider "Anthropic test" has no API key; add one in Settings → Providers.');
  });

  it("skips a provider whose circuit opened (shared through Redis), falling back at once", async () => {
    const redis = createRedis();
    const breaker = createCircuitBreaker(redis, { failureThreshold: 2, coolDownMs: 60_000 });
    const deps = { db: t.db, guard: <T>(key: string, fn: () => Promise<T>) => breaker.guard(key, fn) };
    try {
      primary.setHandler(() => ({ status: 502 }));
      for (let i = 0; i < 2; i++) await callModel(deps, input({ routeName: f.fallbackRoute }));
      expect(primary.calls).toHaveLength(2);
      expect((await breaker.getState(providerBreakerKey(f.primaryProviderId))).state).toBe("open");
      const result = await callModel(deps, input({ routeName: f.fallbackRoute }));
      expect(primary.calls).toHaveLength(2);
      expect(result.attempts.map((a) => a.error?.code ?? "ok")).toEqual(["CIRCUIT_OPEN", "ok"]);
    } finally {
      await breaker.resetBreaker(providerBreakerKey(f.primaryProviderId));
      redis.disconnect();
    }
  });

  it("when every target's circuit is open, refuses with the soonest reopening and the provider's name", async () => {
    const redis = createRedis();
    const breaker = createCircuitBreaker(redis, { failureThreshold: 1 });
    const deps = { db: t.db, guard: <T>(key: string, fn: () => Promise<T>) => breaker.guard(key, fn) };
    const backupModel = await t.db.model.findUniqueOrThrow({ where: { id: f.backupModelId }, include: { provider: true } });
    const [primaryKey, backupKey] = [providerBreakerKey(f.primaryProviderId), providerBreakerKey(backupModel.providerId)];
    try {
      // The first target reopens sooner than the last one tried.
      await breaker.recordFailure(primaryKey, { failureThreshold: 1, coolDownMs: 20_000 });
      await breaker.recordFailure(backupKey, { failureThreshold: 1, coolDownMs: 60_000 });
      const error = await rejection(callModel(deps, input({ routeName: f.fallbackRoute })));
      expect(primary.calls).toHaveLength(0);
      expect(backup.calls).toHaveLength(0);
      expect(error.code).toBe("CIRCUIT_OPEN");
      expect(error.message).toMatch(/^All 2 targets failed: /);
      const primaryProvider = await t.db.provider.findUniqueOrThrow({ where: { id: f.primaryProviderId } });
      const primaryState = await breaker.getState(primaryKey);
      expect(error.details).toMatchObject({ key: primaryKey, target: `provider ${primaryProvider.name}`, retryAt: primaryState.nextProbeAt!.getTime() });
    } finally {
      await Promise.all([breaker.resetBreaker(primaryKey), breaker.resetBreaker(backupKey)]);
      redis.disconnect();
    }
  });

  it("runs each call through the circuit guard keyed by provider", async () => {
    const keys: string[] = [];
    const guard = <T>(key: string, fn: () => Promise<T>) => {
      keys.push(key);
      return fn();
    };
    await callModel({ db: t.db, guard }, input({ modelId: f.primaryModelId }));
    expect(keys).toEqual([`provider:${f.primaryProviderId}`]);
  });
});
