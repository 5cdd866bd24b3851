import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { NodeError } from "../../nodes/node-error";
import { openAiCompatibleChat, parseCompletion } from "./openai-compatible";

let stub: TLlmStub;
beforeAll(async () => {
  stub = await startLlmStub();
});
afterAll(async () => stub?.close());
afterEach(() => stub.reset());

const call = (extra: { apiKey?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
  openAiCompatibleChat({
    baseUrl: extra.baseUrl ?? `${stub.baseUrl}/`,
    apiKey: extra.apiKey,
    request: { model: "m", messages: [{ role: "user", content: "hi" }] },
    signal: new AbortController().signal,
    timeoutMs: extra.timeoutMs,
    providerName: "Stub",
  });

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("openAiCompatibleChat", () => {
  it("posts to {baseUrl}/chat/completions and maps the answer", async () => {
    stub.setHandler(() => ({
      content: "yo",
      finishReason: "length",
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    }));
    expect(await call({ apiKey: "k" })).toEqual({
      content: "yo",
      finishReason: "length",
      usage: { tokensIn: 3, tokensOut: 1 },
    });
    expect(stub.calls[0]).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
    });
  });

  it("classifies HTTP failures for fallback and retry", async () => {
    const cases: [number, string, boolean][] = [
      [400, "HTTP_4XX", false],
      [401, "HTTP_4XX", false],
      [408, "TIMEOUT", true],
      [429, "RATE_LIMITED", true],
      [500, "HTTP_5XX", true],
      [503, "HTTP_5XX", true],
    ];
    for (const [status, code, isRetryable] of cases) {
      stub.setHandler(() => ({ status }));
      const error = await failure(call());
      expect([status, error.code, error.isRetryable]).toEqual([status, code, isRetryable]);
      expect(error.message).toContain(`Stub failure ${status}`);
    }
  });

  it("treats malformed answers as upstream failures", async () => {
    stub.setHandler(() => ({ body: { choices: [] } }));
    expect((await failure(call())).code).toBe("UPSTREAM");
    expect(() => parseCompletion("Stub", "<html>")).toThrow(/not JSON/);
    expect(
      parseCompletion(
        "Stub",
        JSON.stringify({ choices: [{ message: { content: null, refusal: "No." }, finish_reason: "stop" }] }),
      ),
    ).toEqual({
      content: "No.",
      finishReason: "stop",
      usage: null,
    });
  });

  it("times out a server that does not answer", async () => {
    stub.setHandler(() => ({ delayMs: 3000 }));
    const error = await failure(call({ timeoutMs: 100 }));
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toBe("Stub did not answer within 100 ms.");
  });
});
