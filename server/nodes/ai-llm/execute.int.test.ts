import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { createModelFixtures, type TModelFixtures } from "../../gateway/test-fixtures";
import { createRedis, type TRedis } from "../../redis/client";
import { NodeError } from "../node-error";
import { ZLlmConfig, definition, type TLlmOutput } from "./definition";
import { execute } from "./execute";
import { stepContext, type TStepContextOptions } from "./test-context";

let t: TTestDb;
let redis: TRedis;
let stub: TLlmStub;
let f: TModelFixtures;

beforeAll(async () => {
  [t, stub] = await Promise.all([createTestDatabase("aillm"), startLlmStub()]);
  redis = createRedis();
  f = await createModelFixtures(t.db, { primaryUrl: stub.baseUrl, backupUrl: stub.baseUrl });
});
afterAll(async () => {
  await stub?.close();
  redis?.disconnect();
  await t?.drop();
});
afterEach(() => stub.reset());

const SCHEMA = {
  type: "object",
  properties: { category: { type: "string", enum: ["billing", "technical"] }, urgent: { type: "boolean" } },
  required: ["category", "urgent"],
  additionalProperties: false,
};

const ctxFor = (raw: Record<string, unknown>, extra: Partial<TStepContextOptions> = {}) =>
  stepContext(ZLlmConfig.parse(raw), {
    db: t.db,
    redis,
    teamId: f.teamId,
    nodeId: "summarise",
    nodes: { fetch: { output: { ticket: { text: "I was charged twice for my invoice." } } } },
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("ai.llm", () => {
  it("renders its prompts, calls the model and reports usage", async () => {
    stub.setHandler(() => ({ content: "A duplicate charge.", usage: { prompt_tokens: 40, completion_tokens: 4 } }));
    const ctx = ctxFor({
      model: { kind: "model", modelId: f.primaryModelId },
      systemPrompt: "You help the {{ 'billing' }} team.",
      prompt: "Summarise: {{ nodes.fetch.output.ticket.text }}",
      maxTokens: 64,
    });
    const result = await execute(ctx);
    expect(stub.calls[0]?.body).toMatchObject({
      messages: [
        { role: "system", content: "You help the billing team." },
        { role: "user", content: "Summarise: I was charged twice for my invoice." },
      ],
      temperature: 0.2,
      max_tokens: 64,
    });
    expect(result).toMatchObject({
      kind: "done",
      output: { text: "A duplicate charge.", model: expect.stringMatching(/^primary-model-/), finishReason: "stop" },
      // 40 × 2.5 + 4 × 10 = 140 per M tokens
      usage: { tokensIn: 40, tokensOut: 4, costUsd: "0.00014000" },
    });
  });

  it("runs on the Sandbox through a route without a system prompt", async () => {
    const result = await execute(
      ctxFor({
        model: { kind: "route", routeName: f.sandboxRoute },
        prompt: "Explain {{ nodes.fetch.output.ticket.text }}",
      }),
    );
    expect(result.kind).toBe("done");
    if (result.kind !== "done") return;
    expect((result.output as TLlmOutput).text).toContain("charged twice");
    expect(result.usage).toMatchObject({ model: "sandbox-fast", provider: expect.stringMatching(/^Sandbox /) });
    expect(Number(result.usage?.costUsd)).toBeGreaterThan(0);
  });

  it("requests structured output and returns the validated JSON, even from a fenced answer", async () => {
    stub.setHandler(() => ({ content: 'Sure:\n```json\n{"category": "billing", "urgent": true}\n```' }));
    const result = await execute(
      ctxFor({ model: { kind: "model", modelId: f.primaryModelId }, prompt: "Classify", outputSchema: SCHEMA }),
    );
    expect(stub.calls[0]?.body).toMatchObject({
      response_format: { type: "json_schema", json_schema: { name: "summarise_output", schema: SCHEMA, strict: true } },
    });
    expect(result).toMatchObject({ kind: "done", output: { json: { category: "billing", urgent: true } } });
  });

  it("gets schema-conforming JSON from the Sandbox", async () => {
    const result = await execute(
      ctxFor({
        model: { kind: "model", modelId: f.sandboxModelId },
        prompt: "Classify: {{ nodes.fetch.output.ticket.text }}",
        outputSchema: SCHEMA,
      }),
    );
    expect(result).toMatchObject({
      kind: "done",
      output: { json: { category: expect.stringMatching(/^(billing|technical)$/), urgent: expect.any(Boolean) } },
    });
  });

  it("fails with INVALID_OUTPUT naming each problem, retryable on the first attempt only", async () => {
    stub.setHandler(() => ({
      content: '{"category": "sales", "extra": 1}',
      usage: { prompt_tokens: 10, completion_tokens: 10 },
    }));
    const raw = { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Classify", outputSchema: SCHEMA };
    const first = await failure(execute(ctxFor(raw, { attempt: 1 })));
    expect(first.code).toBe("INVALID_OUTPUT");
    expect(first.isRetryable).toBe(true);
    expect(first.message).toBe(
      'The model\'s answer does not match the output schema: $.urgent: is required; $.category: must be one of "billing", "technical", got "sales"; $.extra: is not allowed (no additional properties).',
    );
    expect(first.details?.usage).toMatchObject({ tokensIn: 10, tokensOut: 10, costUsd: "0.00012500" });
    const second = await failure(execute(ctxFor(raw, { attempt: 2 })));
    expect(second.isRetryable).toBe(false);
  });

  it("says so when the answer is not JSON at all", async () => {
    stub.setHandler(() => ({ content: "I'd rather not.", finishReason: "length" }));
    const error = await failure(
      execute(
        ctxFor({ model: { kind: "model", modelId: f.primaryModelId }, prompt: "Classify", outputSchema: SCHEMA }),
      ),
    );
    expect(error.message).toMatch(/is not JSON.*cut off at maxTokens \(1024\)/);
  });

  it("stops an in-flight call when the step is cancelled", async () => {
    stub.setHandler(() => ({ delayMs: 5000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(
      execute(
        ctxFor({ model: { kind: "model", modelId: f.primaryModelId }, prompt: "Hi" }, { signal: controller.signal }),
      ),
    );
    expect(error.code).toBe("CANCELLED");
  });

  it("marks its output when the provider reported no token counts and Baton's tokenizer counted them", async () => {
    stub.setHandler(() => ({ content: "Counted here.", usage: null }));
    const raw = { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Hi" };
    const result = await execute(ctxFor(raw));
    expect(result).toMatchObject({ output: { text: "Counted here.", tokensCountedBy: "tokenizer" }, usage: { tokensCountedBy: "tokenizer" } });
    stub.setHandler(() => ({ content: "Reported.", usage: { prompt_tokens: 4, completion_tokens: 2 } }));
    const reported = await execute(ctxFor(raw));
    expect(reported.kind === "done" && reported.output).not.toHaveProperty("tokensCountedBy");
    expect(reported).toMatchObject({ usage: { tokensIn: 4, tokensOut: 2, tokensCountedBy: "provider" } });
  });

  it("retries a rate-limited call inside the step, unless the node retries itself (one retry layer)", async () => {
    stub.setHandler(() => ({ status: 429, headers: { "retry-after": "0" } }));
    const raw = { model: { kind: "model", modelId: f.primaryModelId }, prompt: "Hi" };
    const retried = await failure(execute(ctxFor(raw)));
    expect(retried).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterMs: 0, retries: 2 } });
    expect(stub.calls).toHaveLength(3);
    stub.reset();
    stub.setHandler(() => ({ status: 429, headers: { "retry-after": "0" } }));
    const once = await failure(execute(ctxFor(raw, { hasStepRetries: true })));
    expect(once).toMatchObject({ code: "RATE_LIMITED", isRetryable: true });
    expect(stub.calls).toHaveLength(1);
  });

  it("validates its config", () => {
    expect(ZLlmConfig.safeParse({ model: { kind: "route", routeName: "x" }, prompt: " " }).success).toBe(false);
    expect(
      ZLlmConfig.safeParse({ model: { kind: "route", routeName: "x" }, prompt: "p", temperature: 2.5 }).success,
    ).toBe(false);
    expect(
      ZLlmConfig.safeParse({ model: { kind: "route", routeName: "x" }, prompt: "p", outputSchema: { type: "array" } })
        .success,
    ).toBe(false);
    expect(ZLlmConfig.parse(definition.defaults)).toMatchObject({ temperature: 0.2, maxTokens: 1024 });
  });
});
