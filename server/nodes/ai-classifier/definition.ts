import { z } from "zod";
import { DEFAULT_MODEL_REF, ZModelRef, modelRefSummary } from "../ai-llm/definition";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

// Classifier node: each label is an output handle, plus Fallback when no label fits (or the confidence is too low).
// By a model (structured output restricted to the labels) or locally (a transparent keyword scorer over the labels'
// descriptions: free, offline, deterministic). Isomorphic: zod and metadata only.

export const FALLBACK_HANDLE = "fallback";
const RESERVED_IDS = new Set([FALLBACK_HANDLE, "error"]);

export const ZClassifierLabel = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, "Label ids use lowercase letters, digits and _ (they name output handles)")
    .refine((id) => !RESERVED_IDS.has(id), '"fallback" and "error" are reserved handle names'),
  /** What belongs under this label: the model reads it, and the local scorer matches its words. */
  description: z.string().trim().max(1000).default(""),
});

export const ZClassifierConfig = z
  .object({
    labels: z
      .array(ZClassifierLabel)
      .min(2, "Add at least two labels")
      .max(20, "Use at most 20 labels")
      .refine((labels) => new Set(labels.map((l) => l.id)).size === labels.length, "Label ids must be unique"),
    mode: z.enum(["llm", "local"]).default("llm"),
    /** `{{ }}` template producing the text to classify. */
    input: z.string().trim().min(1, "Enter the text to classify, e.g. {{ trigger.body.message }}").max(100_000),
    /** Used in llm mode. */
    model: ZModelRef.optional(),
    /** Below this confidence the text goes to Fallback. */
    minConfidence: z.number().min(0).max(1).default(0),
  })
  .refine((c) => c.mode !== "llm" || c.model !== undefined, {
    message: "Choose a model or route for LLM mode",
    path: ["model"],
  });
export type TClassifierConfig = z.infer<typeof ZClassifierConfig>;

export type TClassifierOutput = {
  /** A label id, or "fallback". */
  label: string;
  confidence: number;
  reason?: string;
  /** Local mode: every label's score and the words that matched, so the choice can be checked. */
  scores?: { label: string; score: number; matched: string[] }[];
};

export const definition: TNodeDefinition<typeof ZClassifierConfig> = {
  type: "ai.classifier",
  version: 1,
  label: "Classifier",
  category: "ai",
  icon: "tags",
  description:
    "Sorts a text into one of your labels, each an output of its own (plus Fallback). By a model, or locally by matching the words of each label's description.",
  configSchema: ZClassifierConfig,
  defaults: {
    labels: [
      { id: "billing", description: "Invoices, payments, refunds and charges" },
      { id: "technical", description: "Errors, bugs, outages and login problems" },
    ],
    mode: "llm",
    input: "{{ trigger.body.text }}",
    model: DEFAULT_MODEL_REF,
    minConfidence: 0,
  },
  inputs: MAIN_INPUT,
  outputs: (c) => [
    ...c.labels.map((l) => ({ id: l.id, label: l.id, dataType: "object" as const })),
    { id: FALLBACK_HANDLE, label: "Fallback", dataType: "object" },
  ],
  summary: (c) =>
    `${c.labels.map((l) => l.id).join(" / ")} · ${c.mode === "local" ? "local" : c.model ? modelRefSummary(c.model) : "no model"}`,
  templateFields: ["input"],
  ui: {
    labels: { kind: "json" },
    mode: {
      kind: "select",
      options: [
        { value: "llm", label: "LLM (model or route)" },
        { value: "local", label: "Local keyword scorer" },
      ],
    },
    input: { kind: "template" },
    model: { kind: "route-or-model" },
    minConfidence: { kind: "number" },
  },
};
