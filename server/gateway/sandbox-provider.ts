import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { canonicalJson } from "../audit/canonical";
import { parseOrThrow } from "../errors";
import { issueMessage } from "../shared/zod-issue-message.shared";
import { generateContent } from "./sandbox-content";
import { rngFromHex } from "./sandbox-json";
import { ZSandboxSettings, type TSandboxSettingsInput, type TSandboxSettings } from "./sandbox.shared";
import { countChatTokens, truncateToTokens } from "./tokenizer";

// The built-in Sandbox provider: OpenAI-shaped chat completions with no model and no key, for dry runs and demos.
// Invariants: the same request gives the same content (it is derived from a hash of the request; max_tokens only
// truncates); usage is counted with the real tokenizer; latency and failures follow the provider's settings.

const ZContentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();
export const ZSandboxChatMessage = z
  .object({
    role: z.enum(["system", "developer", "user", "assistant", "tool"]),
    content: z.union([z.string(), z.array(ZContentPart), z.null()]).optional(),
    name: z.string().optional(),
  })
  .loose();

export const ZSandboxResponseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z
      .object({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional() })
      .loose(),
  }),
]);

export const ZSandboxChatRequest = z
  .object({
    model: z.string().min(1),
    messages: z.array(ZSandboxChatMessage).min(1),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().min(1).optional(),
    max_completion_tokens: z.number().int().min(1).optional(),
    response_format: ZSandboxResponseFormat.optional(),
    seed: z.number().int().optional(),
  })
  .loose();
export type TSandboxChatRequest = z.infer<typeof ZSandboxChatRequest>;

export type TChatCompletion = {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: { index: number; message: { role: "assistant"; content: string }; finish_reason: "stop" | "length" }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
};

export type TOpenAIErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

/** A failure as an upstream provider would report it: HTTP status plus an OpenAI-shaped error body. */
export class SandboxProviderError extends Error {
  readonly status: number;
  readonly body: TOpenAIErrorBody;

  constructor(status: number, body: TOpenAIErrorBody) {
    super(body.error.message);
    this.name = "SandboxProviderError";
    this.status = status;
    this.body = body;
  }

  get isRetryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

const SIMULATED_ERRORS: Record<number, Omit<TOpenAIErrorBody["error"], "param">> = {
  429: {
    message: "Rate limit reached for requests (simulated by the Sandbox). Please try again shortly.",
    type: "requests",
    code: "rate_limit_exceeded",
  },
  500: {
    message: "The server had an error while processing your request (simulated by the Sandbox).",
    type: "server_error",
    code: null,
  },
  502: { message: "Bad gateway (simulated by the Sandbox).", type: "server_error", code: null },
  503: {
    message: "The model is currently overloaded (simulated by the Sandbox). Please try again later.",
    type: "server_error",
    code: "service_unavailable",
  },
  504: { message: "The upstream model timed out (simulated by the Sandbox).", type: "server_error", code: "timeout" },
};

export function simulatedError(status: number): SandboxProviderError {
  const known = SIMULATED_ERRORS[status] ?? {
    message: `Simulated upstream error ${status}.`,
    type: "server_error",
    code: null,
  };
  return new SandboxProviderError(status, { error: { ...known, param: null } });
}

export function parseSandboxRequest(raw: unknown): TSandboxChatRequest {
  const result = ZSandboxChatRequest.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : null;
  const message = `Invalid request${where ? ` at '${where}'` : ""}: ${issue ? issueMessage(issue) : "malformed body"}`;
  throw new SandboxProviderError(400, { error: { message, type: "invalid_request_error", param: where, code: null } });
}

export function parseSandboxSettings(raw: unknown): TSandboxSettings {
  return parseOrThrow(ZSandboxSettings, raw ?? {}, "The Sandbox provider settings are invalid.");
}

/** The identity of a request's content: everything that shapes the answer, and nothing that only truncates it. */
export function requestDigest(request: TSandboxChatRequest): string {
  const { model, messages, temperature, response_format, seed } = request;
  const slim = messages.map((m) => ({ role: m.role, content: m.content ?? null, name: m.name }));
  return createHash("sha256")
    .update(canonicalJson({ model, messages: slim, temperature, response_format, seed }))
    .digest("hex");
}

function unitFromDigest(digest: string, purpose: string): number {
  return Number.parseInt(createHash("sha256").update(`${digest}:${purpose}`).digest("hex").slice(0, 8), 16) / 2 ** 32;
}

/** The completion itself, without latency or simulated failures: pure apart from the id and clock. */
export function sandboxComplete(rawRequest: unknown, options: { now?: () => Date } = {}): TChatCompletion {
  const request = parseSandboxRequest(rawRequest);
  const full = generateContent(request.messages, request.response_format, rngFromHex(requestDigest(request)));
  const limit = request.max_completion_tokens ?? request.max_tokens;
  const { text, tokens, isTruncated } = truncateToTokens(full, limit ?? Number.MAX_SAFE_INTEGER, request.model);
  const promptTokens = countChatTokens(request.messages, request.model);
  return {
    id: `chatcmpl-sbx-${randomUUID().replace(/-/g, "").slice(0, 24)}`,
    object: "chat.completion",
    created: Math.floor((options.now?.() ?? new Date()).getTime() / 1000),
    model: request.model,
    system_fingerprint: "fp_sandbox",
    choices: [
      { index: 0, message: { role: "assistant", content: text }, finish_reason: isTruncated ? "length" : "stop" },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: tokens, total_tokens: promptTokens + tokens },
  };
}

export type TSandboxChatOptions = {
  signal?: AbortSignal;
  /** Drives the failure roll (first call) and the latency jitter (second call); default: derived from the request. */
  random?: () => number;
  /** Retries of the same request roll again: the default roll depends on the request, its seed and this attempt. */
  attempt?: number;
  now?: () => Date;
};

/**
 * A chat completion from the Sandbox, honouring its settings: waits latencyMs + jitter (abortable through the
 * signal, rejecting with the AbortError), and fails with errorStatus at errorRate (0: never, 1: always).
 */
export async function sandboxChat(
  rawRequest: unknown,
  rawSettings: TSandboxSettingsInput | unknown,
  options: TSandboxChatOptions = {},
): Promise<TChatCompletion> {
  options.signal?.throwIfAborted();
  const request = parseSandboxRequest(rawRequest);
  const settings = parseSandboxSettings(rawSettings);
  const digest = requestDigest(request);
  const attempt = options.attempt ?? 0;
  const failRoll = options.random ? options.random() : unitFromDigest(digest, `fail:${attempt}`);
  const jitterRoll = options.random ? options.random() : unitFromDigest(digest, `latency:${attempt}`);
  const delayMs = settings.latencyMs + Math.floor(jitterRoll * settings.latencyJitterMs);
  if (delayMs > 0) await sleep(delayMs, undefined, { signal: options.signal });
  if (failRoll < settings.errorRate) throw simulatedError(settings.errorStatus);
  return sandboxComplete(request, { now: options.now });
}
