import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createAzure } from "@ai-sdk/azure";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createMistral } from "@ai-sdk/mistral";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { TDb } from "../../db/client";
import { createGuardedFetch } from "../../net/guarded-fetch";
import type { TOutboundPolicy } from "../../net/outbound-guard";
import { loadOutboundPolicy } from "../../net/outbound-settings";
import { httpProviderConfig, type THttpProviderConfig, type TProviderRow } from "./provider-config";

// One AI SDK provider instance per provider row and version of its configuration, per database: created on the first
// call and reused by every later one, so a call pays a map lookup, not a decryption and a client construction. Every
// request an instance makes goes through the outbound guard (server/net): the organisation's outbound settings are
// read per request (cached for 1 s by loadOutboundPolicy), private addresses are refused unless an admin allows them,
// and the connection goes to the address that was checked. Every setting is passed explicitly, so the SDKs never
// fall back to environment variables (OPENAI_API_KEY, AWS_REGION, AWS_BEARER_TOKEN_BEDROCK, ANTHROPIC_BASE_URL…).

type TModelFactory = (modelName: string) => LanguageModelV3;
type TEntry = { version: string; config: THttpProviderConfig; factory: TModelFactory; models: Map<string, LanguageModelV3> };

const instances = new WeakMap<TDb, Map<string, TEntry>>();

/** A fetch for the SDKs: each request checked against the outbound policy of the moment, then sent pinned. */
export function guardedProviderFetch(policy: () => Promise<TOutboundPolicy>): typeof globalThis.fetch {
  return async (input, init) => {
    const url = typeof input === "string" || input instanceof URL ? input : input.url;
    return createGuardedFetch({ policy: await policy() })(url, init);
  };
}

function createFactory(config: THttpProviderConfig, fetch: typeof globalThis.fetch): TModelFactory {
  const { baseUrl: baseURL } = config;
  switch (config.kind) {
    case "openai": {
      const sdk = createOpenAI({ apiKey: config.apiKey, baseURL, fetch });
      return (model) => sdk.chat(model);
    }
    case "azure": {
      // Deployment URLs (…/deployments/<name>/chat/completions?api-version=…) whatever the host, so a gateway or a
      // proxy in front of Azure is called the same way as Azure itself.
      const sdk = createAzure({ apiKey: config.apiKey, baseURL, apiVersion: config.apiVersion, useDeploymentBasedUrls: true, fetch });
      return (model) => sdk.chat(config.deployment ?? model);
    }
    case "anthropic": {
      const sdk = createAnthropic({ apiKey: config.apiKey, baseURL, fetch });
      return (model) => sdk.languageModel(model);
    }
    case "google": {
      const sdk = createGoogleGenerativeAI({ apiKey: config.apiKey, baseURL, fetch });
      return (model) => sdk.languageModel(model);
    }
    case "mistral": {
      const sdk = createMistral({ apiKey: config.apiKey, baseURL, fetch });
      return (model) => sdk.languageModel(model);
    }
    case "bedrock": {
      // An empty apiKey keeps the SDK on SigV4 with these keys (it would otherwise read AWS_BEARER_TOKEN_BEDROCK).
      const sdk = createAmazonBedrock({
        region: config.region,
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.secretAccessKey,
        ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
        apiKey: "",
        baseURL,
        fetch,
      });
      return (model) => sdk.languageModel(model);
    }
    case "openai_compatible": {
      const sdk = createOpenAICompatible({
        name: "openaiCompatible",
        baseURL,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
        includeUsage: true,
        supportsStructuredOutputs: true,
        fetch,
      });
      return (model) => sdk.chatModel(model);
    }
  }
}

/** What identifies a version of a provider's configuration: a replaced key is a new ciphertext (fresh IV). */
function versionOf(provider: TProviderRow): string {
  return `${provider.kind}\n${provider.baseUrl ?? ""}\n${provider.encryptedCredentials ?? ""}\n${JSON.stringify(provider.settings ?? null)}`;
}

/** The SDK model for one provider row and model name. Throws INVALID_CONFIG when the provider is misconfigured. */
export function languageModelFor(db: TDb, provider: TProviderRow, modelName: string): { model: LanguageModelV3; config: THttpProviderConfig } {
  let byId = instances.get(db);
  if (!byId) instances.set(db, (byId = new Map()));
  const version = versionOf(provider);
  let entry = byId.get(provider.id);
  if (!entry || entry.version !== version) {
    const config = httpProviderConfig(provider);
    const fetch = guardedProviderFetch(() => loadOutboundPolicy(db));
    entry = { version, config, factory: createFactory(config, fetch), models: new Map() };
    byId.set(provider.id, entry);
  }
  let model = entry.models.get(modelName);
  if (!model) entry.models.set(modelName, (model = entry.factory(modelName)));
  return { model, config: entry.config };
}
