// Token estimates of one model call, before any run: what a node sends and roughly what comes back. Pure (no I/O);
// the figures are deliberately simple and stated in each node's `basis`, so people can judge them.
//
// - Input: the literal text of the prompt templates is counted exactly with the gateway's tokenizer (chat framing
//   included); each `{{ }}` expression adds VARIABLE_TOKEN_ALLOWANCE tokens, since its value is unknown until run time.
// - Output of an LLM node: OUTPUT_FRACTION of its max tokens (answers rarely use the whole budget).
// - Output of a classifier: its JSON answer with the longest label, plus CLASSIFIER_REASON_TOKENS for the reason.
import { countChatTokens, countTextTokens, type TTokenizableMessage } from "../gateway/tokenizer";
import { parseTemplate } from "../engine/expression-check.shared";
import type { TLlmConfig } from "../nodes/ai-llm/definition";
import type { TClassifierConfig } from "../nodes/ai-classifier/definition";
import { classificationMessages, classificationSchema } from "../nodes/ai-classifier/llm-classify";

/** Tokens assumed for the value of one `{{ }}` expression (a name, an id, a short text or a small object). */
export const VARIABLE_TOKEN_ALLOWANCE = 100;
/** Share of an LLM node's max tokens assumed to be used by its answer. */
export const OUTPUT_FRACTION = 0.25;
/** Tokens assumed for a classifier's one-sentence reason. */
export const CLASSIFIER_REASON_TOKENS = 30;
/** The classifier's own cap on its answer (see llm-classify.ts). */
export const CLASSIFIER_MAX_TOKENS = 300;

export type TTokenEstimate = { tokensIn: number; tokensOut: number; basis: string };

/** A template's literal text (expressions removed) and how many expressions it holds. */
export function splitTemplate(template: string): { literal: string; variables: number } {
  const { parts } = parseTemplate(template);
  let literal = "";
  let variables = 0;
  for (const part of parts) {
    if (part.kind === "text") literal += part.text;
    else variables += 1;
  }
  return { literal, variables };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function inputBasis(literalTokens: number, variables: number): string {
  const extra = variables > 0 ? ` + ${plural(variables, "variable")} × ${VARIABLE_TOKEN_ALLOWANCE}` : "";
  return `prompt ~${literalTokens} tokens${extra}`;
}

export function estimateLlmTokens(config: Pick<TLlmConfig, "systemPrompt" | "prompt" | "maxTokens">, modelName?: string): TTokenEstimate {
  const system = splitTemplate(config.systemPrompt);
  const prompt = splitTemplate(config.prompt);
  const messages: TTokenizableMessage[] = [];
  if (config.systemPrompt.trim() !== "") messages.push({ role: "system", content: system.literal });
  messages.push({ role: "user", content: prompt.literal });
  const literalTokens = countChatTokens(messages, modelName);
  const variables = system.variables + prompt.variables;
  const tokensOut = Math.ceil(config.maxTokens * OUTPUT_FRACTION);
  return {
    tokensIn: literalTokens + variables * VARIABLE_TOKEN_ALLOWANCE,
    tokensOut,
    basis: `${inputBasis(literalTokens, variables)}; output ~${OUTPUT_FRACTION * 100}% of ${config.maxTokens} max tokens`,
  };
}

export function estimateClassifierTokens(config: Pick<TClassifierConfig, "labels" | "input">, modelName?: string): TTokenEstimate {
  const input = splitTemplate(config.input);
  const labels = config.labels.map((l) => ({ id: l.id, description: l.description ?? "" }));
  // The labels' instructions and the JSON schema restricting the answer are sent with every call.
  const schemaTokens = countTextTokens(JSON.stringify(classificationSchema(labels.map((l) => l.id))), modelName);
  const literalTokens = countChatTokens(classificationMessages(labels, input.literal), modelName) + schemaTokens;
  const longest = labels.reduce((a, b) => (b.id.length > a.length ? b.id : a), "");
  const answer = countTextTokens(JSON.stringify({ label: longest, confidence: 0.95, reason: "" }), modelName);
  const tokensOut = Math.min(CLASSIFIER_MAX_TOKENS, answer + CLASSIFIER_REASON_TOKENS);
  return {
    tokensIn: literalTokens + input.variables * VARIABLE_TOKEN_ALLOWANCE,
    tokensOut,
    basis: `${inputBasis(literalTokens, input.variables)} (labels and answer schema included); output ~${tokensOut} tokens (label, confidence and a short reason)`,
  };
}
