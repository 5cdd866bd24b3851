import { decryptSecret } from "../../crypto/secret-box";
import { isAppError } from "../../errors";
import { NodeError, isNodeError } from "../../nodes/node-error";
import type { TCandidate } from "../resolve-target";
import { SandboxProviderError, sandboxChat } from "../sandbox-provider";
import {
  DEFAULT_PROVIDER_TIMEOUT_MS,
  OPENAI_BASE_URL,
  httpError,
  openAiCompatibleChat,
  transportError,
} from "./openai-compatible";
import type { TChatRequest, TChatResult } from "./types";

// One entry point per provider kind. Anthropic and Google are reached through their OpenAI-compatible endpoints
// when the provider row has a base URL (both vendors publish one); their native APIs are not implemented here.

export type TProviderCallOptions = { signal: AbortSignal; timeoutMs?: number; attempt?: number };

/** The API key stored for a provider: credentials are `{ apiKey }` (or a bare string), encrypted at rest. */
export function providerApiKey(provider: TCandidate["provider"]): string | undefined {
  if (!provider.encryptedCredentials) return undefined;
  let secret: unknown;
  try {
    secret = decryptSecret(provider.encryptedCredentials);
  } catch (error) {
    const reason = isAppError(error) ? error.message : "they could not be decrypted.";
    throw new NodeError("INVALID_CONFIG", `The credentials of provider "${provider.name}" are unusable: ${reason}`);
  }
  if (typeof secret === "string") return secret;
  if (typeof secret === "object" && secret !== null && "apiKey" in secret && typeof secret.apiKey === "string")
    return secret.apiKey;
  throw new NodeError("INVALID_CONFIG", `The credentials of provider "${provider.name}" have no apiKey.`);
}

async function callSandbox(
  candidate: TCandidate,
  request: TChatRequest,
  options: TProviderCallOptions,
): Promise<TChatResult> {
  const name = candidate.provider.name;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  try {
    const completion = await sandboxChat(request, candidate.provider.settings, {
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]),
      attempt: options.attempt,
    });
    const choice = completion.choices[0];
    return {
      content: choice?.message.content ?? "",
      finishReason: choice?.finish_reason ?? "stop",
      usage: { tokensIn: completion.usage.prompt_tokens, tokensOut: completion.usage.completion_tokens },
    };
  } catch (error) {
    if (error instanceof SandboxProviderError) throw httpError(name, error.status, JSON.stringify(error.body), null);
    if (isAppError(error)) throw new NodeError("INVALID_CONFIG", `Provider "${name}": ${error.message}`);
    throw transportError(name, error, options.signal, timeoutMs);
  }
}

function httpBaseUrl(provider: TCandidate["provider"]): string {
  if (provider.baseUrl) return provider.baseUrl;
  if (provider.kind === "openai") return OPENAI_BASE_URL;
  if (provider.kind === "openai_compatible") {
    throw new NodeError(
      "INVALID_CONFIG",
      `Provider "${provider.name}" has no base URL; set it in Settings → Providers.`,
    );
  }
  throw new NodeError(
    "INVALID_CONFIG",
    `Provider "${provider.name}" (${provider.kind}) is not supported yet by this provider layer: set its base URL to the vendor's OpenAI-compatible endpoint to use it.`,
  );
}

/** One chat completion from one candidate. Throws NodeError only. */
export async function chatWithCandidate(
  candidate: TCandidate,
  request: TChatRequest,
  options: TProviderCallOptions,
): Promise<TChatResult> {
  const { provider } = candidate;
  if (provider.kind === "sandbox") return callSandbox(candidate, request, options);
  const baseUrl = httpBaseUrl(provider);
  const apiKey = providerApiKey(provider);
  if (provider.kind === "openai" && !apiKey) {
    throw new NodeError(
      "INVALID_CONFIG",
      `Provider "${provider.name}" has no API key; add one in Settings → Providers.`,
    );
  }
  // OpenAI's reasoning models refuse max_tokens; every current OpenAI chat model accepts max_completion_tokens.
  const { max_tokens, ...rest } = request;
  const wire: TChatRequest =
    provider.kind === "openai" && max_tokens !== undefined ? { ...rest, max_completion_tokens: max_tokens } : request;
  try {
    return await openAiCompatibleChat({
      baseUrl,
      apiKey,
      request: wire,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      providerName: provider.name,
    });
  } catch (error) {
    if (isNodeError(error)) throw error;
    throw new NodeError("UPSTREAM", `Provider "${provider.name}" failed unexpectedly.`, { cause: error });
  }
}

export type { TChatMessage, TChatRequest, TChatResult, TResponseFormat } from "./types";
