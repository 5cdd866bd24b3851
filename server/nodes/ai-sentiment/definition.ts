import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

// Sentiment node: local (wink-nlp's English model, inside the npm package), so it costs nothing and sends the text
// nowhere. Isomorphic: zod and metadata only.

export const MAX_LOCAL_NLP_CHARS = 200_000;

export const ZSentimentConfig = z
  .object({
    /** `{{ }}` template producing the text, e.g. "{{ trigger.body.message }}". */
    input: z.string().trim().min(1, "Enter the text to analyse, e.g. {{ trigger.body.message }}").max(100_000),
    /** Scores at or below this are negative (wink scores run from -1 to 1). */
    negativeThreshold: z.number().min(-1).max(1).default(-0.1),
    /** Scores at or above this are positive. */
    positiveThreshold: z.number().min(-1).max(1).default(0.1),
  })
  .refine((c) => c.negativeThreshold < c.positiveThreshold, {
    message: "The negative threshold must be below the positive one",
    path: ["negativeThreshold"],
  });
export type TSentimentConfig = z.infer<typeof ZSentimentConfig>;

export const definition: TNodeDefinition<typeof ZSentimentConfig> = {
  type: "ai.sentiment",
  version: 1,
  label: "Sentiment",
  category: "ai",
  icon: "smile",
  description:
    "Scores the sentiment of a text from -1 (negative) to 1 (positive), overall and per sentence, with a local English model: no model call, no cost.",
  configSchema: ZSentimentConfig,
  defaults: { input: "{{ trigger.body.text }}", negativeThreshold: -0.1, positiveThreshold: 0.1 },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => `negative ≤ ${c.negativeThreshold} · positive ≥ ${c.positiveThreshold}`,
  templateFields: ["input"],
  ui: { input: { kind: "template" }, negativeThreshold: { kind: "number" }, positiveThreshold: { kind: "number" } },
};
