import { z } from "zod";
import { ZJsonSchema } from "../../gateway/structured-output";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

// LLM node: one chat completion through the provider layer (a model, or a named route with fallbacks), with an
// optional JSON Schema the answer must satisfy before the run continues. Isomorphic: zod and metadata only.

/** Which model a node calls: one model, or a named route (fallback, lowest cost, weighted…). Shared by AI nodes. */
export const ZModelRef = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("model"), modelId: z.string().trim().min(1, "Choose a model") }),
  z.object({ kind: z.literal("route"), routeName: z.string().trim().min(1, "Choose a route") }),
]);
export type TModelRef = z.infer<typeof ZModelRef>;

export const DEFAULT_MODEL_REF: TModelRef = { kind: "route", routeName: "default-chat" };

export const ZLlmConfig = z.object({
  model: ZModelRef,
  /** `{{ }}` template; left out of the conversation when empty. */
  systemPrompt: z.string().max(100_000).default(""),
  /** `{{ }}` template, e.g. "Summarise: {{ nodes.fetch.output.body.text }}". */
  prompt: z.string().trim().min(1, "Enter the prompt").max(200_000),
  temperature: z.number().min(0).max(2).default(0.2),
  maxTokens: z.number().int().min(1).max(200_000).default(1024),
  /** When set, the answer must be JSON satisfying this schema (an object schema); it is then in `output.json`. */
  outputSchema: ZJsonSchema.refine(
    (s) => s.type === "object",
    'The output schema must describe an object (type: "object")',
  ).nullish(),
});
export type TLlmConfig = z.infer<typeof ZLlmConfig>;

export type TLlmOutput = {
  text: string;
  json?: unknown;
  model: string;
  finishReason: string;
  /** Present when the provider reported no token counts and Baton's tokenizer counted them (cost is then an estimate). */
  tokensCountedBy?: "tokenizer";
};

export function modelRefSummary(ref: TModelRef): string {
  return ref.kind === "route" ? `route ${ref.routeName}` : "model";
}

export const definition: TNodeDefinition<typeof ZLlmConfig> = {
  type: "ai.llm",
  version: 1,
  label: "LLM",
  category: "ai",
  icon: "sparkles",
  description:
    "Asks a model (or a route of models with fallback) with a prompt built from earlier steps. With an output schema, the answer must be valid JSON matching it before the run continues.",
  configSchema: ZLlmConfig,
  defaults: {
    model: DEFAULT_MODEL_REF,
    systemPrompt: "",
    prompt: "{{ trigger.body.text }}",
    temperature: 0.2,
    maxTokens: 1024,
  },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => `${modelRefSummary(c.model)}${c.outputSchema ? " · JSON output" : ""} · T=${c.temperature}`,
  templateFields: ["systemPrompt", "prompt"],
  ui: {
    model: { kind: "route-or-model" },
    systemPrompt: { kind: "template" },
    prompt: { kind: "template" },
    temperature: { kind: "number" },
    maxTokens: { kind: "number" },
    outputSchema: { kind: "json" },
  },
};
