import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";

// Token counting with the BPE vocabularies shipped inside gpt-tokenizer: synchronous, no network.
// OpenAI's current models (gpt-4o, gpt-4.1, o-series) use o200k_base; older ones and the embeddings use
// cl100k_base. Other vendors' tokenizers are not public, so their counts are estimates with o200k_base,
// which is what the Sandbox reports as usage too.

export type TEncodingName = "o200k_base" | "cl100k_base";

type TEncoding = { encode: typeof o200k.encode; decode: typeof o200k.decode };
const ENCODINGS: Record<TEncodingName, TEncoding> = { o200k_base: o200k, cl100k_base: cl100k };

// Text from people may contain "<|endoftext|>" and the like: count it as text, never as control tokens.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const CL100K_MODELS = /^(gpt-4(?!o|\.)|gpt-3\.5|text-embedding-(3|ada))/;

export function encodingForModel(model?: string): TEncodingName {
  return model && CL100K_MODELS.test(model) ? "cl100k_base" : "o200k_base";
}

export function encodeText(text: string, model?: string): number[] {
  return ENCODINGS[encodingForModel(model)].encode(text, AS_PLAIN_TEXT);
}

export function decodeTokens(tokens: number[], model?: string): string {
  return ENCODINGS[encodingForModel(model)].decode(tokens);
}

export function countTextTokens(text: string, model?: string): number {
  return text.length === 0 ? 0 : encodeText(text, model).length;
}

/** The first `maxTokens` tokens of a text, as text; `isTruncated` when anything was cut. */
export function truncateToTokens(
  text: string,
  maxTokens: number,
  model?: string,
): { text: string; tokens: number; isTruncated: boolean } {
  const tokens = encodeText(text, model);
  if (tokens.length <= maxTokens) return { text, tokens: tokens.length, isTruncated: false };
  const kept = tokens.slice(0, Math.max(0, maxTokens));
  return { text: decodeTokens(kept, model), tokens: kept.length, isTruncated: true };
}

export type TContentPart = { type: string; text?: string };
export type TTokenizableMessage = { role: string; content?: string | TContentPart[] | null; name?: string };

/** The text of a message's content: a string, or the text parts of a multi-part content array. */
export function messageText(content: TTokenizableMessage["content"]): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  return content
    .map((part) => (part.type === "text" && typeof part.text === "string" ? part.text : ""))
    .filter((text) => text.length > 0)
    .join("\n");
}

// OpenAI's published accounting for chat models: each message costs 3 tokens of framing
// (<|start|>{role}\n … <|end|>), a name 1 more, and every reply is primed with 3 tokens (<|start|>assistant<|message|>).
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const TOKENS_REPLY_PRIMING = 3;

/** Prompt tokens of a chat request: role + content (+ name) per message, with the per-message overhead. */
export function countChatTokens(messages: readonly TTokenizableMessage[], model?: string): number {
  let total = TOKENS_REPLY_PRIMING;
  for (const message of messages) {
    total +=
      TOKENS_PER_MESSAGE + countTextTokens(message.role, model) + countTextTokens(messageText(message.content), model);
    if (message.name) total += TOKENS_PER_NAME + countTextTokens(message.name, model);
  }
  return total;
}
