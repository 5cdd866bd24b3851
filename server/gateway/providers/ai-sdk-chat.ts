import type { LanguageModelV3 } from "@ai-sdk/provider";
import {
  APICallError,
  generateText,
  jsonSchema,
  tool,
  type ModelMessage,
  type OutputInterface,
  type ToolChoice,
  type ToolSet,
} from "ai";
import { log } from "../../log";
import { retryAfterFromHeaders } from "../../net/retry-after";
import { NodeError, isNodeError } from "../../nodes/node-error";
import { deadlineError, httpError } from "./errors";
import type { TChatMessage, TChatRequest, TChatResult, TResponseFormat, TToolCall, TToolChoice, TToolDefinition } from "./types";

// One chat call through the AI SDK on the vendor's native API (the model comes from language-models.ts): Baton's
// OpenAI-shaped request in, the answer, the finish reason, the provider's own token counts and any tool calls out.
// The SDK's own retries are off (maxRetries: 0): retries are decided by retry.ts, once per layer (see index.ts).
// Structured output asks the vendor for JSON following the schema, natively; the answer is returned as text and
// checked by Baton (structured-output.ts), so every vendor is held to the same contract.

// The SDKs report settings a vendor ignores (e.g. temperature on reasoning models) as warnings on the console.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (event: { warnings: unknown[] }) =>
  log.debug({ warnings: event.warnings }, "AI SDK warnings");

export type TSdkCall = {
  providerName: string;
  /** Where the provider is called, for messages ("Could not reach X at api.openai.com"). */
  host: string;
  /** The caller's signal (cancellation, the step's timeout). */
  signal: AbortSignal;
  /** When this candidate's time is up (epoch ms), retries included … */
  deadline: number;
  /** … which is this long after it started (for the message). */
  timeoutMs: number;
};

/** An output spec that asks for JSON (with a schema when given) but leaves parsing and validation to Baton. */
function jsonOutput(format: TResponseFormat): OutputInterface<string, string, never> {
  const responseFormat =
    format.type === "json_schema"
      ? { type: "json" as const, schema: format.json_schema.schema, name: format.json_schema.name }
      : { type: "json" as const };
  return {
    name: "json",
    responseFormat: Promise.resolve(responseFormat),
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  };
}

function toolNameOf(messages: readonly TChatMessage[], toolCallId: string): string | undefined {
  for (const m of messages) {
    const call = m.toolCalls?.find((c) => c.id === toolCallId);
    if (call) return call.name;
  }
  return undefined;
}

export function toModelMessages(messages: readonly TChatMessage[]): ModelMessage[] {
  return messages.map((m): ModelMessage => {
    const text = m.content ?? "";
    if (m.role === "system" || m.role === "developer") return { role: "system", content: text };
    if (m.role === "user") return { role: "user", content: text };
    if (m.role === "assistant") {
      if (!m.toolCalls?.length) return { role: "assistant", content: text };
      return {
        role: "assistant",
        content: [
          ...(text ? [{ type: "text" as const, text }] : []),
          ...m.toolCalls.map((c) => ({ type: "tool-call" as const, toolCallId: c.id, toolName: c.name, input: c.input })),
        ],
      };
    }
    const toolCallId = m.toolCallId;
    if (!toolCallId) throw new NodeError("INVALID_INPUT", "A tool message needs the toolCallId of the call it answers.");
    const toolName = toolNameOf(messages, toolCallId) ?? m.name;
    if (!toolName) throw new NodeError("INVALID_INPUT", `No earlier tool call has the id ${toolCallId}, and the tool message names no tool.`);
    return { role: "tool", content: [{ type: "tool-result", toolCallId, toolName, output: { type: "text", value: text } }] };
  });
}

function toTools(definitions: readonly TToolDefinition[] | undefined): ToolSet | undefined {
  if (!definitions?.length) return undefined;
  return Object.fromEntries(
    definitions.map((d) => [d.name, tool({ description: d.description, inputSchema: jsonSchema(d.inputSchema) })]),
  );
}

function toToolChoice(choice: TToolChoice | undefined): ToolChoice<ToolSet> | undefined {
  if (choice === undefined) return undefined;
  return typeof choice === "string" ? choice : { type: "tool", toolName: choice.name };
}

/** OpenAI refuses a strict schema it cannot enforce: Baton says per schema whether strict mode applies. */
function providerOptionsOf(format: TResponseFormat | undefined) {
  if (format?.type !== "json_schema") return undefined;
  const strictJsonSchema = format.json_schema.strict ?? false;
  return { openai: { strictJsonSchema }, openaiCompatible: { strictJsonSchema } };
}

export async function aiSdkChat(model: LanguageModelV3, request: TChatRequest, call: TSdkCall): Promise<TChatResult> {
  const deadline = AbortSignal.timeout(Math.max(1, call.deadline - Date.now()));
  const signal = AbortSignal.any([call.signal, deadline]);
  const format = request.response_format;
  try {
    const result = await generateText({
      model,
      messages: toModelMessages(request.messages),
      allowSystemInMessages: true,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.max_tokens !== undefined ? { maxOutputTokens: request.max_tokens } : {}),
      ...(format && format.type !== "text" ? { output: jsonOutput(format) } : {}),
      tools: toTools(request.tools),
      toolChoice: toToolChoice(request.toolChoice),
      providerOptions: providerOptionsOf(format),
      maxRetries: 0,
      abortSignal: signal,
    });
    const toolCalls: TToolCall[] = result.toolCalls.map((c) => ({ id: c.toolCallId, name: c.toolName, input: c.input }));
    const { inputTokens, outputTokens } = result.usage;
    // inputTokens is the total; the part read from the provider's prompt cache is charged at the cached-input price.
    const cachedTokensIn = result.usage.inputTokenDetails?.cacheReadTokens;
    return {
      content: result.text,
      finishReason: result.finishReason,
      usage: {
        ...(inputTokens !== undefined ? { tokensIn: inputTokens } : {}),
        ...(outputTokens !== undefined ? { tokensOut: outputTokens } : {}),
        ...(inputTokens !== undefined && cachedTokensIn ? { cachedTokensIn } : {}),
      },
      toolCalls,
    };
  } catch (error) {
    if (call.signal.aborted || deadline.aborted) throw deadlineError(call.providerName, call.signal, call.timeoutMs);
    throw providerError(error, call);
  }
}

const UNREADABLE_ANSWERS = new Set([
  "AI_TypeValidationError",
  "AI_JSONParseError",
  "AI_InvalidResponseDataError",
  "AI_EmptyResponseBodyError",
  "AI_NoContentGeneratedError",
]);

/** A failure of the SDK call as a NodeError in the provider's words. */
export function providerError(error: unknown, call: Pick<TSdkCall, "providerName" | "host">): NodeError {
  const name = call.providerName;
  if (isNodeError(error)) {
    // The outbound guard refused the address: the provider is misconfigured here (a route falls back to the next).
    if (error.code === "POLICY") return new NodeError("INVALID_CONFIG", `${name} may not be called: ${error.message}`, { details: error.details });
    if (error.code === "NETWORK") {
      const detail = error.message.replace(/^The request to \S+ failed: /, "");
      return new NodeError("NETWORK", `Could not reach ${name} at ${call.host}: ${detail}`, { isRetryable: error.isRetryable, details: error.details });
    }
    return error;
  }
  if (APICallError.isInstance(error)) {
    if (error.statusCode === undefined) {
      return new NodeError("NETWORK", `Could not reach ${name} at ${call.host}: ${error.message}`, { cause: error });
    }
    return httpError(name, error.statusCode, error.message, retryAfterFromHeaders(error.responseHeaders));
  }
  if (error instanceof Error && UNREADABLE_ANSWERS.has(error.name)) {
    return new NodeError("UPSTREAM", `${name} answered with something Baton could not read: ${error.message.slice(0, 200)}`, { cause: error });
  }
  log.warn({ err: error, provider: name }, "model provider call failed unexpectedly");
  return new NodeError("UPSTREAM", `${name} failed unexpectedly.`, { cause: error });
}
