// The provider-neutral chat request and result. The request is OpenAI-shaped because that is the wire format of
// most providers Baton talks to (and of the Sandbox); adapters for other protocols translate from it.

export type TChatRole = "system" | "developer" | "user" | "assistant" | "tool";
export type TChatMessage = { role: TChatRole; content: string | null; name?: string };

export type TResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } };

export type TChatRequest = {
  model: string;
  messages: TChatMessage[];
  temperature?: number;
  /** Older and compatible servers read max_tokens; OpenAI's reasoning models accept only max_completion_tokens. */
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: TResponseFormat;
};

export type TChatResult = {
  content: string;
  finishReason: string;
  /**
   * As reported by the provider; null when it reported none (the caller counts tokens itself). `cachedTokensIn` is the
   * part of tokensIn read from the provider's prompt cache, charged at the model's cached-input price (pricing.ts).
   */
  usage: { tokensIn: number; tokensOut: number; cachedTokensIn?: number } | null;
};
