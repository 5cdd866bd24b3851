// The provider-neutral chat request and result. The request is OpenAI-shaped because the Sandbox answers in that
// shape and most callers think in it; the AI SDK adapter (ai-sdk-chat.ts) translates it to each vendor's native API.

export type TChatRole = "system" | "developer" | "user" | "assistant" | "tool";

/** A tool call the model asked for: `input` is the parsed JSON arguments. */
export type TToolCall = { id: string; name: string; input: unknown };

export type TChatMessage = {
  role: TChatRole;
  content: string | null;
  name?: string;
  /** On an assistant message: the tool calls it made (to send a conversation with tool results back). */
  toolCalls?: TToolCall[];
  /** On a tool message: the id of the call whose result `content` is. */
  toolCallId?: string;
};

/** A tool the model may call: its arguments are described by a JSON Schema (an object schema). */
export type TToolDefinition = { name: string; description?: string; inputSchema: Record<string, unknown> };

/** Whether the model may, must or must not call tools, or must call the one named. */
export type TToolChoice = "auto" | "none" | "required" | { name: string };

export type TResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } };

export type TChatRequest = {
  model: string;
  messages: TChatMessage[];
  temperature?: number;
  max_tokens?: number;
  response_format?: TResponseFormat;
  tools?: TToolDefinition[];
  toolChoice?: TToolChoice;
};

export type TChatResult = {
  content: string;
  /** "stop", "length", "tool-calls", "content-filter", "error" or "other" (the AI SDK's unified reasons). */
  finishReason: string;
  /**
   * As reported by the provider's own usage fields; a count it did not report is absent (the caller counts it).
   * `cachedTokensIn` is the part of tokensIn read from the provider's prompt cache, charged at the model's cached-input
   * price (pricing.ts).
   */
  usage: { tokensIn?: number; tokensOut?: number; cachedTokensIn?: number };
  toolCalls: TToolCall[];
};
