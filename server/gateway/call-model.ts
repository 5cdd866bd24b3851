import { createHash } from "node:crypto";
import type { TDb } from "../db/client";
import { providerBreakerKey } from "../net/circuit-breaker";
import { circuitOpenError } from "../net/circuit-breaker-info";
import type { TUsage } from "../nodes/execute-types";
import { NodeError, isNodeError, type TNodeErrorCode } from "../nodes/node-error";
import { costUsd, COST_DECIMAL_PLACES } from "./pricing";
import { abortError } from "./providers/errors";
import {
  chatWithCandidate,
  type TChatMessage,
  type TChatRequest,
  type TResponseFormat,
  type TToolCall,
  type TToolChoice,
  type TToolDefinition,
} from "./providers";
import { resolveTarget, type TCandidate, type TModelTarget } from "./resolve-target";
import { countChatTokens, countTextTokens } from "./tokenizer";

// The one way Baton calls a model: resolve the target to candidates, try them in order, and account for the call
// (tokens, exact cost, latency). Fallback moves to the next candidate only when the failure is the candidate's
// (network, timeout, 429, 5xx, open circuit, a provider that is misconfigured); a 4xx is the request's fault and
// would fail everywhere, and a cancellation stops everything.

export type TCallModelInput = {
  target: TModelTarget;
  messages: TChatMessage[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: TResponseFormat;
  /** Tools the model may call; its calls come back in `toolCalls` (Baton does not run them here). */
  tools?: TToolDefinition[];
  toolChoice?: TToolChoice;
  signal: AbortSignal;
  /** The team paying for the call (budgets and policies are checked by the caller). */
  teamId: string;
  /** Per candidate, its retries included; default 60 s. */
  timeoutMs?: number;
  /**
   * Retries of a candidate's transient failures (429, 5xx, network) inside this call, honouring Retry-After; default
   * 2. 0 when the caller retries itself (a step whose node has retries), so that only one layer retries.
   */
  maxRetries?: number;
  /** Seeds the weighted route choice, so a resumed step picks the same target; default: a digest of the messages. */
  routingKey?: string;
  /** The step's attempt number: lets the Sandbox roll its simulated failures again on a retry. */
  attempt?: number;
  /** The candidates to try, already resolved from `target` (and narrowed by policies); resolved here when absent. */
  candidates?: TCandidate[];
};

/** Runs `fn` under the circuit breaker of `key` (`provider:<providerId>`); rejects at once when the circuit is open. */
export type TCircuitGuard = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

export type TCallModelDeps = { db: TDb; guard?: TCircuitGuard };

export type TModelAttempt = {
  provider: string;
  model: string;
  latencyMs: number;
  /** How many times the provider layer sent the call again after a transient failure (absent: none). */
  retries?: number;
  error?: { code: TNodeErrorCode; message: string };
};

export type TCallModelResult = {
  content: string;
  finishReason: string;
  usage: TUsage;
  toolCalls: TToolCall[];
  attempts: TModelAttempt[];
};

const FALLBACK_CODES = new Set<TNodeErrorCode>([
  "NETWORK",
  "TIMEOUT",
  "RATE_LIMITED",
  "HTTP_5XX",
  "UPSTREAM",
  "CIRCUIT_OPEN",
  "INVALID_CONFIG",
]);

function shouldFallBack(error: NodeError): boolean {
  return FALLBACK_CODES.has(error.code);
}

function toNodeError(error: unknown, candidate: TCandidate): NodeError {
  if (isNodeError(error)) return error;
  return new NodeError("UPSTREAM", `Provider "${candidate.provider.name}" failed unexpectedly.`, { cause: error });
}

function routingKeyOf(input: TCallModelInput): string {
  return createHash("sha256").update(JSON.stringify(input.messages)).digest("hex");
}

export async function callModel(deps: TCallModelDeps, input: TCallModelInput): Promise<TCallModelResult> {
  if (input.signal.aborted) throw abortError(input.signal, "The model call was cancelled before it started.");
  const candidates =
    input.candidates ?? (await resolveTarget(deps.db, input.target, { routingKey: input.routingKey ?? routingKeyOf(input) }));
  const attempts: TModelAttempt[] = [];
  const refusals: NodeError[] = [];
  let lastError: NodeError | undefined;

  for (const [index, candidate] of candidates.entries()) {
    // A route falls back at once: only its last target (or a single model) is retried inside the call.
    const isLast = index === candidates.length - 1;
    const request: TChatRequest = {
      model: candidate.model.name,
      messages: input.messages,
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
      ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
      ...(input.responseFormat ? { response_format: input.responseFormat } : {}),
      ...(input.tools?.length ? { tools: input.tools } : {}),
      ...(input.toolChoice ? { toolChoice: input.toolChoice } : {}),
    };
    const startedAt = performance.now();
    const call = () =>
      chatWithCandidate(candidate, request, {
        db: deps.db,
        signal: input.signal,
        timeoutMs: input.timeoutMs,
        attempt: input.attempt,
        maxRetries: isLast ? input.maxRetries : 0,
      });
    try {
      const result = await (deps.guard ? deps.guard(providerBreakerKey(candidate.provider.id), call) : call());
      const latencyMs = Math.round(performance.now() - startedAt);
      attempts.push({
        provider: candidate.provider.name,
        model: candidate.model.name,
        latencyMs,
        ...(result.retries > 0 ? { retries: result.retries } : {}),
      });
      // Tokens as the provider's own usage fields report them; a count it did not report is Baton's tokenizer's.
      const reported = result.usage;
      const tokensIn = reported.tokensIn ?? countChatTokens(input.messages, candidate.model.name);
      const tokensOut = reported.tokensOut ?? countTextTokens(result.content, candidate.model.name);
      const isCounted = reported.tokensIn === undefined || reported.tokensOut === undefined;
      const usage: TUsage = {
        model: candidate.model.name,
        provider: candidate.provider.name,
        tokensIn,
        tokensOut,
        costUsd: costUsd(candidate.model, tokensIn, tokensOut, result.usage?.cachedTokensIn).toFixed(COST_DECIMAL_PLACES),
        latencyMs,
        tokensCountedBy: isCounted ? "tokenizer" : "provider",
      };
      return { content: result.content, finishReason: result.finishReason, usage, toolCalls: result.toolCalls, attempts };
    } catch (caught) {
      const error = namedRefusal(toNodeError(caught, candidate), candidate);
      const latencyMs = Math.round(performance.now() - startedAt);
      attempts.push({
        provider: candidate.provider.name,
        model: candidate.model.name,
        latencyMs,
        error: { code: error.code, message: error.message },
      });
      lastError = error;
      if (error.code === "CIRCUIT_OPEN") refusals.push(error);
      if (input.signal.aborted)
        throw withAttempts(abortError(input.signal, "The model call was cancelled."), undefined, attempts);
      if (!shouldFallBack(error)) throw withAttempts(error, error.message, attempts);
    }
  }

  // Every target refused by its open circuit (no call made): the step may wait for the one that reopens first.
  const isAllRefused = refusals.length > 0 && attempts.every((a) => a.error?.code === "CIRCUIT_OPEN");
  const final = isAllRefused ? soonestRefusal(refusals) : (lastError as NodeError);
  const message =
    attempts.length === 1
      ? final.message
      : `All ${attempts.length} targets failed: ${attempts.map((a) => `${a.provider}/${a.model}: ${a.error?.message ?? "?"}`).join(" | ")}`;
  throw withAttempts(final, message, attempts);
}

function withAttempts(error: NodeError, message: string | undefined, attempts: TModelAttempt[]): NodeError {
  return new NodeError(error.code, message ?? error.message, {
    isRetryable: error.isRetryable,
    details: { ...error.details, attempts },
    cause: error,
  });
}

const retryAtOf = (error: NodeError): number => (typeof error.details?.retryAt === "number" ? error.details.retryAt : Infinity);

/** An open circuit's refusal names the provider as people know it (its key holds only the provider's id). */
function namedRefusal(error: NodeError, candidate: TCandidate): NodeError {
  const key = error.details?.key;
  if (error.code !== "CIRCUIT_OPEN" || typeof key !== "string") return error;
  const retryAt = retryAtOf(error);
  return circuitOpenError(key, Number.isFinite(retryAt) ? retryAt : 0, `provider ${candidate.provider.name}`);
}

function soonestRefusal(refusals: NodeError[]): NodeError {
  return refusals.reduce((soonest, e) => (retryAtOf(e) < retryAtOf(soonest) ? e : soonest));
}
