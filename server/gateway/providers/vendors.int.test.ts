// Model calls through the AI SDK on each vendor's native API, against loopback stubs that speak that API: what the
// stub received (path, auth header, body), tokens and cost from the API's own usage fields, the retry of a 429 after
// its Retry-After, and failures in words. The engine calls models without streaming (generateText), so the stubs
// answer whole JSON bodies.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { startHttpStub, type THttpStub, type TStubCall, type TStubRoute } from "@/test/http-stub";
import { allowPrivateNetworks, setOutboundSettings } from "@/test/outbound-settings";
import { encryptSecret } from "../../crypto/secret-box";
import { Prisma } from "../../db/generated/client";
import type { ProviderKind } from "../../db/generated/enums";
import { NodeError } from "../../nodes/node-error";
import { callModel, type TCallModelInput, type TCallModelResult } from "../call-model";
import type { TCandidate } from "../route-order";
import { countChatTokens, countTextTokens } from "../tokenizer";
import { languageModelFor } from "./language-models";

let t: TTestDb;
let stub: THttpStub;

beforeAll(async () => {
  [t, stub] = await Promise.all([createTestDatabase("vendors"), startHttpStub()]);
  await allowPrivateNetworks(t.db);
});
afterAll(async () => {
  await stub?.close();
  await t?.drop();
});
afterEach(() => {
  stub.calls.length = 0;
});

const PRICES = { inputPricePerMTok: new Prisma.Decimal("3"), outputPricePerMTok: new Prisma.Decimal("15") };

type TProviderOptions = { baseUrl?: string | null; credentials?: Record<string, string> | null; settings?: Prisma.JsonObject; name?: string };

function candidate(kind: ProviderKind, model: string, o: TProviderOptions = {}): TCandidate {
  return {
    provider: {
      id: randomUUID(),
      name: o.name ?? `Stub ${kind}`,
      kind,
      baseUrl: o.baseUrl === undefined ? stub.url : o.baseUrl,
      encryptedCredentials: o.credentials === null ? null : encryptSecret(o.credentials ?? { apiKey: "sk-test-0123456789abcdef" }),
      settings: o.settings ?? {},
    },
    model: { id: randomUUID(), name: model, ...PRICES },
  };
}

const MESSAGES = [
  { role: "system" as const, content: "You sort support tickets." },
  { role: "user" as const, content: "My invoice is wrong." },
];

function call(c: TCandidate, extra: Partial<TCallModelInput> = {}): Promise<TCallModelResult> {
  return callModel(
    { db: t.db },
    { target: { modelId: c.model.id }, candidates: [c], messages: MESSAGES, maxTokens: 50, temperature: 0.2, signal: new AbortController().signal, teamId: "team", ...extra },
  );
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

const json = (c: TStubCall) => JSON.parse(c.body) as Record<string, unknown>;

function openAiCompletion(content: string, usage: { prompt_tokens: number; completion_tokens: number } | null, extra: Record<string, unknown> = {}) {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "stub",
    choices: [{ index: 0, message: { role: "assistant", content, ...extra }, finish_reason: extra.tool_calls ? "tool_calls" : "stop" }],
    ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
  };
}

const route = (path: string, handler: TStubRoute) => stub.route(path, handler);

describe("OpenAI (chat completions)", () => {
  it("sends the native request with its Bearer key and takes tokens and cost from the API's usage", async () => {
    route("/v1/chat/completions", () => ({ json: openAiCompletion('{"category":"billing"}', { prompt_tokens: 21, completion_tokens: 6 }) }));
    const schema = { type: "object", properties: { category: { type: "string" } }, required: ["category"], additionalProperties: false };
    const result = await call(candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1` }), {
      responseFormat: { type: "json_schema", json_schema: { name: "ticket", schema, strict: true } },
    });
    const sent = stub.calls[0]!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(sent.headers.authorization).toBe("Bearer sk-test-0123456789abcdef");
    expect(json(sent)).toMatchObject({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You sort support tickets." },
        { role: "user", content: "My invoice is wrong." },
      ],
      max_tokens: 50,
      temperature: 0.2,
      response_format: { type: "json_schema", json_schema: { name: "ticket", schema, strict: true } },
    });
    expect(result.content).toBe('{"category":"billing"}');
    expect(result.finishReason).toBe("stop");
    // 21 × $3 + 6 × $15 per million tokens.
    expect(result.usage).toMatchObject({ tokensIn: 21, tokensOut: 6, costUsd: "0.00015300", tokensCountedBy: "provider" });
  });

  it("charges the prompt tokens read from the provider's cache at the model's cached-input price", async () => {
    route("/v1/chat/completions", () => ({
      json: { ...openAiCompletion("ok", null), usage: { prompt_tokens: 1000, completion_tokens: 10, total_tokens: 1010, prompt_tokens_details: { cached_tokens: 800 } } },
    }));
    const c = candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1` });
    const result = await call({ ...c, model: { ...c.model, cachedInputPricePerMTok: new Prisma.Decimal("0.3") } });
    // 200 × $3 + 800 × $0.30 + 10 × $15 per million tokens.
    expect(result.usage).toMatchObject({ tokensIn: 1000, tokensOut: 10, costUsd: "0.00099000" });
  });

  it("offers tools in OpenAI's shape and returns the model's tool calls", async () => {
    route("/v1/chat/completions", () => ({
      json: openAiCompletion("", { prompt_tokens: 30, completion_tokens: 12 }, {
        tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_invoice", arguments: '{"number":"INV-7"}' } }],
      }),
    }));
    const tool = { name: "lookup_invoice", description: "Finds an invoice.", inputSchema: { type: "object", properties: { number: { type: "string" } }, required: ["number"] } };
    const result = await call(candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1` }), { tools: [tool], toolChoice: "required" });
    expect(json(stub.calls[0]!)).toMatchObject({
      tools: [{ type: "function", function: { name: "lookup_invoice", description: "Finds an invoice.", parameters: tool.inputSchema } }],
      tool_choice: "required",
    });
    expect(result.toolCalls).toEqual([{ id: "call_1", name: "lookup_invoice", input: { number: "INV-7" } }]);
    expect(result.finishReason).toBe("tool-calls");
  });

  it("reports a refused key in the provider's own words, without retrying it", async () => {
    route("/v1/chat/completions", () => ({
      status: 401,
      json: { error: { message: "Incorrect API key provided: sk-wrong.", type: "invalid_request_error", param: null, code: "invalid_api_key" } },
    }));
    const error = await failure(call(candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1`, name: "OpenAI" })));
    expect(error.code).toBe("HTTP_4XX");
    expect(error.message).toBe("OpenAI refused the request with HTTP 401: Incorrect API key provided: sk-wrong.");
    expect(stub.calls).toHaveLength(1);
  });
});

describe("Anthropic (messages)", () => {
  it("sends the native request with x-api-key and takes tokens from input_tokens/output_tokens", async () => {
    route("/v1/messages", () => ({
      json: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-3-5-haiku-20241022",
        content: [{ type: "text", text: "Billing." }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 17, output_tokens: 3 },
      },
    }));
    const result = await call(candidate("anthropic", "claude-3-5-haiku-20241022", { baseUrl: `${stub.url}/v1`, credentials: { apiKey: "sk-ant-test-123456" } }));
    const sent = stub.calls[0]!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/messages" });
    expect(sent.headers["x-api-key"]).toBe("sk-ant-test-123456");
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers.authorization).toBeUndefined();
    const body = json(sent);
    expect(body).toMatchObject({ model: "claude-3-5-haiku-20241022", max_tokens: 50, temperature: 0.2 });
    expect(JSON.stringify(body.system)).toContain("You sort support tickets.");
    expect(body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "My invoice is wrong." }] }]);
    expect(result.content).toBe("Billing.");
    expect(result.usage).toMatchObject({ tokensIn: 17, tokensOut: 3, costUsd: "0.00009600", tokensCountedBy: "provider" });
  });

  it("reports Anthropic's authentication error in its words", async () => {
    route("/v1/messages", () => ({ status: 401, json: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } }));
    const error = await failure(call(candidate("anthropic", "claude-3-5-haiku-20241022", { baseUrl: `${stub.url}/v1`, name: "Anthropic" })));
    expect(error.message).toBe("Anthropic refused the request with HTTP 401: invalid x-api-key");
  });
});

describe("Google Gemini (generateContent)", () => {
  it("sends the native request with x-goog-api-key and takes tokens from usageMetadata", async () => {
    route("/v1beta/models/gemini-2.0-flash:generateContent", () => ({
      json: {
        candidates: [{ content: { role: "model", parts: [{ text: "Billing." }] }, finishReason: "STOP", index: 0 }],
        usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 2, totalTokenCount: 14 },
      },
    }));
    const result = await call(candidate("google", "gemini-2.0-flash", { baseUrl: `${stub.url}/v1beta`, credentials: { apiKey: "AIza-test-123456" } }));
    const sent = stub.calls[0]!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1beta/models/gemini-2.0-flash:generateContent" });
    expect(sent.headers["x-goog-api-key"]).toBe("AIza-test-123456");
    expect(json(sent)).toMatchObject({
      contents: [{ role: "user", parts: [{ text: "My invoice is wrong." }] }],
      systemInstruction: { parts: [{ text: "You sort support tickets." }] },
      generationConfig: { maxOutputTokens: 50, temperature: 0.2 },
    });
    expect(result.content).toBe("Billing.");
    expect(result.usage).toMatchObject({ tokensIn: 12, tokensOut: 2, costUsd: "0.00006600", tokensCountedBy: "provider" });
  });

  it("reports Gemini's error message in its words", async () => {
    route("/v1beta/models/gemini-2.0-flash:generateContent", () => ({
      status: 400,
      json: { error: { code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT" } },
    }));
    const error = await failure(call(candidate("google", "gemini-2.0-flash", { baseUrl: `${stub.url}/v1beta`, name: "Gemini" })));
    expect(error.message).toBe("Gemini refused the request with HTTP 400: API key not valid. Please pass a valid API key.");
  });
});

describe("Mistral, Azure OpenAI and AWS Bedrock", () => {
  it("Mistral: chat completions with a Bearer key", async () => {
    route("/v1/chat/completions", () => ({ json: openAiCompletion("Billing.", { prompt_tokens: 8, completion_tokens: 2 }) }));
    const result = await call(candidate("mistral", "mistral-small-latest", { baseUrl: `${stub.url}/v1` }));
    expect(stub.calls[0]?.headers.authorization).toBe("Bearer sk-test-0123456789abcdef");
    expect(json(stub.calls[0]!)).toMatchObject({ model: "mistral-small-latest", max_tokens: 50 });
    expect(result.usage).toMatchObject({ tokensIn: 8, tokensOut: 2 });
  });

  it("Azure OpenAI: the deployment's URL with its api-version and the api-key header", async () => {
    route("/openai/deployments/prod-gpt4o/chat/completions", () => ({ json: openAiCompletion("Billing.", { prompt_tokens: 9, completion_tokens: 2 }) }));
    const c = candidate("azure", "gpt-4o", { baseUrl: `${stub.url}/openai`, settings: { apiVersion: "2024-10-21", deployment: "prod-gpt4o" } });
    const result = await call(c);
    const sent = stub.calls[0]!;
    expect(sent.url).toBe("/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21");
    expect(sent.headers["api-key"]).toBe("sk-test-0123456789abcdef");
    expect(result.usage).toMatchObject({ tokensIn: 9, tokensOut: 2 });
  });

  it("AWS Bedrock: Converse, signed with SigV4 for the region, tokens from its usage", async () => {
    route("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", () => ({
      json: {
        output: { message: { role: "assistant", content: [{ text: "Billing." }] } },
        stopReason: "end_turn",
        usage: { inputTokens: 14, outputTokens: 2, totalTokens: 16 },
        metrics: { latencyMs: 5 },
      },
    }));
    const c = candidate("bedrock", "anthropic.claude-3-haiku-20240307-v1:0", {
      settings: { region: "eu-central-1" },
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    });
    const result = await call(c);
    const sent = stub.calls[0]!;
    expect(sent.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    expect(sent.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request/);
    expect(json(sent)).toMatchObject({ messages: [{ role: "user", content: [{ text: "My invoice is wrong." }] }], inferenceConfig: { maxTokens: 50 } });
    expect(result.usage).toMatchObject({ tokensIn: 14, tokensOut: 2, tokensCountedBy: "provider" });
  });
});

describe("OpenAI-compatible servers", () => {
  it("counts tokens with the tokenizer when the server reports no usage, and says so", async () => {
    route("/v1/chat/completions", () => ({ json: openAiCompletion("Billing it is.", null) }));
    const result = await call(candidate("openai_compatible", "llama3.1", { baseUrl: `${stub.url}/v1`, credentials: null }));
    expect(stub.calls[0]?.headers.authorization).toBeUndefined();
    expect(result.usage).toMatchObject({
      tokensIn: countChatTokens(MESSAGES, "llama3.1"),
      tokensOut: countTextTokens("Billing it is.", "llama3.1"),
      tokensCountedBy: "tokenizer",
    });
  });
});

describe("retries, timeouts and the outbound guard", () => {
  it("retries a 429 after its Retry-After (≥ 1 s), then succeeds", async () => {
    route("/v1/chat/completions", (_call, nth) =>
      nth === 1
        ? { status: 429, headers: { "retry-after": "1" }, json: { error: { message: "Rate limit reached.", type: "rate_limit" } } }
        : { json: openAiCompletion("Billing.", { prompt_tokens: 5, completion_tokens: 1 }) },
    );
    const result = await call(candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1` }));
    expect(stub.calls).toHaveLength(2);
    expect(stub.calls[1]!.at - stub.calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(result.content).toBe("Billing.");
    expect(result.attempts).toEqual([expect.objectContaining({ retries: 1 })]);
  });

  it("does not retry inside the call when the caller retries itself, and passes the Retry-After up", async () => {
    route("/v1/chat/completions", () => ({ status: 429, headers: { "retry-after": "7" }, json: { error: { message: "Slow down.", type: "rate_limit" } } }));
    const error = await failure(call(candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1`, name: "OpenAI" }), { maxRetries: 0 }));
    expect(stub.calls).toHaveLength(1);
    expect(error).toMatchObject({ code: "RATE_LIMITED", isRetryable: true, message: "OpenAI rate-limited the call (429): Slow down." });
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  it("retries a 5xx with backoff and gives up after two retries, saying so", async () => {
    route("/v1/chat/completions", () => ({ status: 503, json: { error: { message: "Overloaded.", type: "server_error" } } }));
    const error = await failure(call(candidate("openai", "gpt-4o-mini", { baseUrl: `${stub.url}/v1`, name: "OpenAI" })));
    expect(stub.calls).toHaveLength(3);
    expect(stub.calls[1]!.at - stub.calls[0]!.at).toBeGreaterThanOrEqual(500);
    expect(error.message).toBe("OpenAI failed with HTTP 503: Overloaded. (after 2 retries)");
  }, 15_000);

  it("times out a server that does not answer, in words", async () => {
    route("/v1/chat/completions", () => ({ delayMs: 3000, json: {} }));
    const error = await failure(call(candidate("openai_compatible", "m", { baseUrl: `${stub.url}/v1`, name: "Slow" }), { timeoutMs: 200 }));
    expect(error).toMatchObject({ code: "TIMEOUT", message: "Slow did not answer within 200 ms." });
  });

  it("says it cannot reach a server that is down", async () => {
    const error = await failure(call(candidate("openai_compatible", "m", { baseUrl: "http://127.0.0.1:1/v1", name: "Local vLLM" }), { maxRetries: 0 }));
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(/^Could not reach Local vLLM at 127\.0\.0\.1:1: connect ECONNREFUSED/);
  });

  it("refuses a private address unless an admin allows private networks", async () => {
    await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
    try {
      const error = await failure(call(candidate("openai_compatible", "m", { baseUrl: `${stub.url}/v1`, name: "Local vLLM" })));
      expect(error.code).toBe("INVALID_CONFIG");
      expect(error.message).toBe(
        "Local vLLM may not be called: Requests to private network addresses are blocked (127.0.0.1). An admin can allow them in Settings.",
      );
      expect(stub.calls).toHaveLength(0);
    } finally {
      await allowPrivateNetworks(t.db);
    }
  });

  it("names what is missing from a provider's configuration", async () => {
    const noKey = await failure(call(candidate("openai", "gpt-4o", { credentials: null, name: "OpenAI" })));
    expect(noKey).toMatchObject({ code: "INVALID_CONFIG", message: 'Provider "OpenAI" has no API key; add one in Settings → Providers.' });
    const noUrl = await failure(call(candidate("openai_compatible", "m", { baseUrl: null, name: "Ollama" })));
    expect(noUrl.message).toBe('Provider "Ollama" has no base URL; set it in Settings → Providers.');
  });

  it("creates one SDK client per provider and configuration, not per call", () => {
    const c = candidate("openai", "gpt-4o", { baseUrl: `${stub.url}/v1` });
    const first = languageModelFor(t.db, c.provider, "gpt-4o").model;
    expect(languageModelFor(t.db, { ...c.provider }, "gpt-4o").model).toBe(first);
    const replaced = { ...c.provider, encryptedCredentials: encryptSecret({ apiKey: "sk-new-0123456789" }) };
    expect(languageModelFor(t.db, replaced, "gpt-4o").model).not.toBe(first);
  });
});
