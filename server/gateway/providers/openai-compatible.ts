import { z } from "zod";
import { NodeError, isNodeError } from "../../nodes/node-error";
import type { TChatRequest, TChatResult } from "./types";

// The OpenAI chat completions wire protocol over real HTTP, for OpenAI itself and every compatible server
// (vLLM, Ollama, LiteLLM, Together, Groq, Azure-style gateways…). Failures become NodeErrors classified for
// fallback and retry: network, timeout, 429 and 5xx are retryable; other 4xx are the request's fault and are not.

export const OPENAI_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_PROVIDER_TIMEOUT_MS = 60_000;
const MAX_ERROR_TEXT = 300;

const ZCompletion = z.object({
  choices: z
    .array(
      z.object({
        message: z
          .object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() })
          .loose(),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) })
    .loose()
    .nullable()
    .optional(),
});

export type TOpenAiCompatibleCall = {
  baseUrl: string;
  apiKey?: string;
  request: TChatRequest;
  signal: AbortSignal;
  timeoutMs?: number;
  /** For error messages: "OpenAI", "Local vLLM"… */
  providerName: string;
};

function upstreamMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    const parsed = z
      .object({ error: z.object({ message: z.string() }).loose() })
      .loose()
      .safeParse(body);
    if (parsed.success) return parsed.data.error.message.slice(0, MAX_ERROR_TEXT);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, MAX_ERROR_TEXT);
}

export function httpError(
  providerName: string,
  status: number,
  bodyText: string,
  retryAfter: string | null,
): NodeError {
  const reason = upstreamMessage(bodyText) || `HTTP ${status}`;
  const details = { status, ...(retryAfter ? { retryAfter } : {}) };
  if (status === 429)
    return new NodeError("RATE_LIMITED", `${providerName} rate-limited the call (429): ${reason}`, { details });
  if (status >= 500)
    return new NodeError("HTTP_5XX", `${providerName} failed with HTTP ${status}: ${reason}`, { details });
  if (status === 408)
    return new NodeError("TIMEOUT", `${providerName} timed out the request (408): ${reason}`, { details });
  return new NodeError("HTTP_4XX", `${providerName} refused the request with HTTP ${status}: ${reason}`, { details });
}

/** Why the caller aborted: its own NodeError reason (the engine aborts a step's timeout with TIMEOUT), else CANCELLED. */
export function abortError(signal: AbortSignal, message: string): NodeError {
  return isNodeError(signal.reason) ? signal.reason : new NodeError("CANCELLED", message);
}

/** Maps a thrown fetch/abort error to a NodeError: the caller's abort keeps its reason, our deadline is TIMEOUT. */
export function transportError(
  providerName: string,
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): NodeError {
  if (signal.aborted) return abortError(signal, `The call to ${providerName} was cancelled.`);
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new NodeError("TIMEOUT", `${providerName} did not answer within ${timeoutMs} ms.`, { cause: error });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return new NodeError("NETWORK", `Could not reach ${providerName}${cause}`, { cause: error });
}

export async function openAiCompatibleChat(call: TOpenAiCompatibleCall): Promise<TChatResult> {
  const timeoutMs = call.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const url = `${call.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (call.apiKey) headers.authorization = `Bearer ${call.apiKey}`;
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    // The body is read under the same signals: a server that stalls mid-body is a timeout too.
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(call.request),
      signal: AbortSignal.any([call.signal, AbortSignal.timeout(timeoutMs)]),
    });
    status = response.status;
    retryAfter = response.headers.get("retry-after");
    text = await response.text();
  } catch (error) {
    throw transportError(call.providerName, error, call.signal, timeoutMs);
  }
  if (status < 200 || status >= 300) throw httpError(call.providerName, status, text, retryAfter);
  return parseCompletion(call.providerName, text);
}

export function parseCompletion(providerName: string, text: string): TChatResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new NodeError("UPSTREAM", `${providerName} answered with something that is not JSON.`);
  }
  const parsed = ZCompletion.safeParse(body);
  if (!parsed.success)
    throw new NodeError("UPSTREAM", `${providerName} answered with an unexpected shape (no choices[0].message).`);
  const choice = parsed.data.choices[0];
  const message = choice?.message;
  const content = message?.content ?? message?.refusal ?? "";
  const usage = parsed.data.usage;
  return {
    content,
    finishReason: choice?.finish_reason ?? "stop",
    usage: usage ? { tokensIn: usage.prompt_tokens, tokensOut: usage.completion_tokens } : null,
  };
}
