import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { encryptSecret } from "../../crypto/secret-box";
import { Prisma } from "../../db/generated/client";
import { NodeError } from "../../nodes/node-error";
import type { TCandidate } from "../resolve-target";
import { chatWithCandidate, providerApiKey } from ".";

let stub: TLlmStub;
beforeAll(async () => {
  stub = await startLlmStub();
});
afterAll(async () => stub?.close());
afterEach(() => stub.reset());

function candidate(provider: Partial<TCandidate["provider"]>): TCandidate {
  return {
    provider: {
      id: "p",
      name: "Prov",
      kind: "openai_compatible",
      baseUrl: stub.baseUrl,
      encryptedCredentials: null,
      settings: {},
      ...provider,
    },
    model: {
      id: "m",
      name: "model-x",
      inputPricePerMTok: new Prisma.Decimal(1),
      outputPricePerMTok: new Prisma.Decimal(2),
    },
  };
}
const request = { model: "model-x", messages: [{ role: "user" as const, content: "hello" }], max_tokens: 20 };
const options = { signal: new AbortController().signal };

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("chatWithCandidate", () => {
  it("sends max_completion_tokens to OpenAI itself and max_tokens to compatible servers", async () => {
    await chatWithCandidate(
      candidate({ kind: "openai", encryptedCredentials: encryptSecret({ apiKey: "sk-openai" }) }),
      request,
      options,
    );
    await chatWithCandidate(candidate({}), request, options);
    expect(stub.calls[0]?.body).toMatchObject({ max_completion_tokens: 20 });
    expect(stub.calls[0]?.body).not.toHaveProperty("max_tokens");
    expect(stub.calls[0]?.headers.authorization).toBe("Bearer sk-openai");
    expect(stub.calls[1]?.body).toMatchObject({ max_tokens: 20 });
  });

  it("answers from the Sandbox with its settings, and maps its simulated failures", async () => {
    const ok = await chatWithCandidate(candidate({ kind: "sandbox", settings: { latencyMs: 0 } }), request, options);
    expect(ok.content.length).toBeGreaterThan(0);
    expect(ok.usage?.tokensIn).toBeGreaterThan(0);
    const error = await failure(
      chatWithCandidate(
        candidate({ kind: "sandbox", settings: { latencyMs: 0, errorRate: 1, errorStatus: 429 } }),
        request,
        options,
      ),
    );
    expect(error.code).toBe("RATE_LIMITED");
    const bad = await failure(
      chatWithCandidate(candidate({ kind: "sandbox", settings: { errorRate: 7 } }), request, options),
    );
    expect(bad.code).toBe("INVALID_CONFIG");
  });

  it("refuses misconfigured providers with a clear message", async () => {
    expect((await failure(chatWithCandidate(candidate({ kind: "openai" }), request, options))).message).toContain(
      "has no API key",
    );
    expect((await failure(chatWithCandidate(candidate({ baseUrl: null }), request, options))).message).toContain(
      "has no base URL",
    );
    const google = await failure(chatWithCandidate(candidate({ kind: "google", baseUrl: null }), request, options));
    expect(google.message).toContain("not supported yet by this provider layer");
    // With an OpenAI-compatible base URL, Google and Anthropic providers work.
    await chatWithCandidate(candidate({ kind: "google" }), request, options);
    expect(stub.calls).toHaveLength(1);
  });

  it("reads keys stored as { apiKey } or a bare string, and rejects unreadable boxes", () => {
    expect(providerApiKey(candidate({ encryptedCredentials: encryptSecret("sk-bare") }).provider)).toBe("sk-bare");
    expect(() => providerApiKey(candidate({ encryptedCredentials: encryptSecret({ token: "x" }) }).provider)).toThrow(
      /no apiKey/,
    );
    expect(() => providerApiKey(candidate({ encryptedCredentials: "v1.bad.box.data" }).provider)).toThrow(NodeError);
  });
});
