import { describe, expect, it } from "vitest";
import { encryptSecret } from "../../crypto/secret-box";
import type { TDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { NodeError } from "../../nodes/node-error";
import type { TCandidate } from "../resolve-target";
import { chatWithCandidate } from ".";
import { decryptCredentials, httpProviderConfig } from "./provider-config";

// The Sandbox answers without a database or a network; HTTP kinds are covered against stubs in vendors.int.test.ts.
const noDb = new Proxy({} as TDb, {
  get() {
    throw new Error("The Sandbox must not touch the database");
  },
});

function candidate(provider: Partial<TCandidate["provider"]>): TCandidate {
  return {
    provider: { id: "p", name: "Prov", kind: "openai_compatible", baseUrl: null, encryptedCredentials: null, settings: {}, ...provider },
    model: { id: "m", name: "model-x", inputPricePerMTok: new Prisma.Decimal(1), outputPricePerMTok: new Prisma.Decimal(2) },
  };
}
const request = { model: "model-x", messages: [{ role: "user" as const, content: "hello" }], max_tokens: 20 };
const options = { db: noDb, signal: new AbortController().signal };

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("chatWithCandidate with the Sandbox", () => {
  it("answers from the Sandbox with its settings and real token counts, and maps its simulated failures", async () => {
    const ok = await chatWithCandidate(candidate({ kind: "sandbox", settings: { latencyMs: 0 } }), request, options);
    expect(ok.content.length).toBeGreaterThan(0);
    expect(ok.usage.tokensIn).toBeGreaterThan(0);
    expect(ok).toMatchObject({ toolCalls: [], retries: 0 });
    const error = await failure(
      chatWithCandidate(candidate({ kind: "sandbox", settings: { latencyMs: 0, errorRate: 1, errorStatus: 429 } }), request, options),
    );
    expect(error.code).toBe("RATE_LIMITED");
    const bad = await failure(chatWithCandidate(candidate({ kind: "sandbox", settings: { errorRate: 7 } }), request, options));
    expect(bad.code).toBe("INVALID_CONFIG");
  });
});

describe("provider configuration", () => {
  it("reads keys stored as { apiKey } or a bare string, and rejects unreadable boxes", () => {
    expect(decryptCredentials({ name: "P", encryptedCredentials: encryptSecret("sk-bare") })).toEqual({ apiKey: "sk-bare" });
    expect(decryptCredentials({ name: "P", encryptedCredentials: null })).toBeNull();
    expect(() => decryptCredentials({ name: "P", encryptedCredentials: "v1.bad.box.data" })).toThrow(NodeError);
  });

  it("uses each vendor's endpoint unless the provider overrides it", () => {
    const key = encryptSecret({ apiKey: "sk-1" });
    expect(httpProviderConfig(candidate({ kind: "openai", encryptedCredentials: key }).provider).baseUrl).toBe("https://api.openai.com/v1");
    expect(httpProviderConfig(candidate({ kind: "anthropic", encryptedCredentials: key }).provider).baseUrl).toBe("https://api.anthropic.com/v1");
    expect(httpProviderConfig(candidate({ kind: "google", encryptedCredentials: key }).provider).baseUrl).toBe("https://generativelanguage.googleapis.com/v1beta");
    expect(httpProviderConfig(candidate({ kind: "mistral", encryptedCredentials: key, baseUrl: "https://eu.example.com/v1/" }).provider).baseUrl).toBe(
      "https://eu.example.com/v1",
    );
    expect(httpProviderConfig(candidate({ kind: "azure", encryptedCredentials: key, settings: { resourceName: "acme" } }).provider)).toEqual({
      kind: "azure",
      baseUrl: "https://acme.openai.azure.com/openai",
      apiKey: "sk-1",
      apiVersion: "2024-10-21",
    });
  });

  it("refuses a misconfigured provider with what to fix", () => {
    expect(() => httpProviderConfig(candidate({ kind: "azure", encryptedCredentials: encryptSecret({ apiKey: "k" }) }).provider)).toThrow(
      'Provider "Prov" has no Azure resource name or base URL; set one in Settings → Providers.',
    );
    expect(() => httpProviderConfig(candidate({ kind: "bedrock", settings: { region: "us-east-1" } }).provider)).toThrow(
      'Provider "Prov" has no usable AWS access key id and secret access key; add them in Settings → Providers.',
    );
    expect(() => httpProviderConfig(candidate({ kind: "bedrock", settings: { region: "Mars" } }).provider)).toThrow(
      'Provider "Prov" has unusable settings (region: Enter an AWS region such as us-east-1 or eu-central-1.); fix them in Settings → Providers.',
    );
  });
});
