import type { TDb } from "../../db/client";
import { isAppError } from "../../errors";
import { NodeError, isNodeError } from "../../nodes/node-error";
import type { TCandidate } from "../resolve-target";
import { SandboxProviderError, sandboxChat } from "../sandbox-provider";
import { aiSdkChat } from "./ai-sdk-chat";
import { DEFAULT_PROVIDER_TIMEOUT_MS, deadlineError, httpError, upstreamMessage } from "./errors";
import { languageModelFor } from "./language-models";
import { PROVIDER_MAX_RETRIES, withProviderRetries } from "./retry";
import type { TChatRequest, TChatResult } from "./types";

// One entry point for every provider kind. The Sandbox answers inside Baton (no HTTP, no retries: its simulated
// failures are there to exercise the engine's). Every other kind is its vendor's native API through the AI SDK
// (ai-sdk-chat.ts), each request through the outbound guard (language-models.ts), retried by retry.ts.
//
// Retries, one policy per layer: this layer retries a candidate's transient failures (429, 5xx, 408, network) within
// its timeout, honouring Retry-After — unless the caller retries itself (`maxRetries: 0`: a step whose node has
// retries, so the engine's retry is the only one); call-model.ts then falls back to the route's next candidate; the
// engine retries the step per its node's settings, after its backoff or the provider's Retry-After if longer.

export type TProviderCallOptions = {
  /** The database whose outbound settings guard the call (and whose providers' SDK clients are cached). */
  db: TDb;
  signal: AbortSignal;
  /** The candidate's whole budget, retries included; default 60 s. */
  timeoutMs?: number;
  attempt?: number;
  /** Retries of transient failures inside this call; default PROVIDER_MAX_RETRIES. */
  maxRetries?: number;
};

export type TCandidateResult = TChatResult & { retries: number };

async function callSandbox(candidate: TCandidate, request: TChatRequest, options: TProviderCallOptions): Promise<TCandidateResult> {
  const name = candidate.provider.name;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const completion = await sandboxChat(request, candidate.provider.settings, {
      signal: AbortSignal.any([options.signal, deadline]),
      attempt: options.attempt,
    });
    const choice = completion.choices[0];
    return {
      content: choice?.message.content ?? "",
      finishReason: choice?.finish_reason ?? "stop",
      usage: { tokensIn: completion.usage.prompt_tokens, tokensOut: completion.usage.completion_tokens },
      toolCalls: [],
      retries: 0,
    };
  } catch (error) {
    if (error instanceof SandboxProviderError) throw httpError(name, error.status, upstreamMessage(JSON.stringify(error.body)));
    if (isAppError(error)) throw new NodeError("INVALID_CONFIG", `Provider "${name}": ${error.message}`);
    if (options.signal.aborted || deadline.aborted) throw deadlineError(name, options.signal, timeoutMs);
    throw new NodeError("UPSTREAM", `Provider "${name}" failed unexpectedly.`, { cause: error });
  }
}

const hostOf = (baseUrl: string) => new URL(baseUrl).host;

/** One chat completion from one candidate. Throws NodeError only. */
export async function chatWithCandidate(candidate: TCandidate, request: TChatRequest, options: TProviderCallOptions): Promise<TCandidateResult> {
  const { provider } = candidate;
  if (provider.kind === "sandbox") return callSandbox(candidate, request, options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  try {
    const { model, config } = languageModelFor(options.db, provider, candidate.model.name);
    const host = hostOf(config.baseUrl);
    const { value, retries } = await withProviderRetries(
      () =>
        aiSdkChat(model, request, {
          providerName: provider.name,
          host,
          signal: options.signal,
          deadline,
          timeoutMs,
        }),
      { maxRetries: options.maxRetries ?? PROVIDER_MAX_RETRIES, signal: options.signal, deadline },
    );
    return { ...value, retries };
  } catch (error) {
    if (isNodeError(error)) throw error;
    throw new NodeError("UPSTREAM", `Provider "${provider.name}" failed unexpectedly.`, { cause: error });
  }
}

export type { TChatMessage, TChatRequest, TChatResult, TResponseFormat, TToolCall, TToolChoice, TToolDefinition } from "./types";
