import type { TChatMessage } from "../../gateway/providers";
import { jsonSchemaResponseFormat, parseStructuredAnswer, type TJsonSchema } from "../../gateway/structured-output";
import type { TExecuteContext, TUsage } from "../execute-types";
import { NodeError } from "../node-error";
import type { TModelRef } from "../ai-llm/definition";
import { callModelForStep } from "../ai-llm/model-step";

// LLM mode: the labels and their descriptions go in the system prompt, and structured output restricts the answer
// to `{ label ∈ labels, confidence ∈ [0, 1], reason }`, which is validated here too (not every provider enforces it).

const FIRST_ATTEMPT = 1;

export type TLlmClassification = { label: string; confidence: number; reason: string; usage: TUsage };

export function classificationSchema(labelIds: string[]): TJsonSchema {
  return {
    type: "object",
    properties: {
      label: { type: "string", enum: labelIds },
      confidence: { type: "number", minimum: 0, maximum: 1 },
      reason: { type: "string" },
    },
    required: ["label", "confidence", "reason"],
    additionalProperties: false,
  };
}

export function classificationMessages(labels: { id: string; description: string }[], text: string): TChatMessage[] {
  const list = labels.map((l) => (l.description ? `- ${l.id}: ${l.description}` : `- ${l.id}`)).join("\n");
  const system = [
    "You classify text into exactly one label.",
    `Labels: ${labels.map((l) => l.id).join(", ")}`,
    "",
    list,
    "",
    "Answer with a JSON object: label (one of the labels), confidence (0 to 1, how sure you are), reason (one short sentence).",
  ].join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: text },
  ];
}

export async function classifyWithModel(
  ctx: TExecuteContext<unknown>,
  model: TModelRef,
  labels: { id: string; description: string }[],
  text: string,
): Promise<TLlmClassification> {
  const schema = classificationSchema(labels.map((l) => l.id));
  const result = await callModelForStep(ctx, {
    model,
    messages: classificationMessages(labels, text),
    temperature: 0,
    maxTokens: 300,
    responseFormat: jsonSchemaResponseFormat(schema, "classification"),
  });
  const answer = parseStructuredAnswer(result.content, schema);
  if (!answer.isOk) {
    throw new NodeError(
      "INVALID_OUTPUT",
      `The model's classification is not usable: ${answer.errors.slice(0, 3).join("; ")}.`,
      {
        isRetryable: ctx.attempt <= FIRST_ATTEMPT,
        details: { errors: answer.errors, text: result.content.slice(0, 2000), usage: result.usage },
      },
    );
  }
  const value = answer.value as { label: string; confidence: number; reason: string };
  return { label: value.label, confidence: value.confidence, reason: value.reason, usage: result.usage };
}
