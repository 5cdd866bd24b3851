import { renderTemplate } from "../../engine/templates";
import type { TChatMessage } from "../../gateway/providers";
import { jsonSchemaResponseFormat, parseStructuredAnswer, type TJsonSchema } from "../../gateway/structured-output";
import type { TExecutor } from "../execute-types";
import { NodeError } from "../node-error";
import type { TLlmConfig, TLlmOutput } from "./definition";
import { callModelForStep } from "./model-step";

// Attempts are numbered from 1: a malformed structured answer is worth one more try (models are not deterministic),
// a second malformed answer means the schema or the prompt needs work.
const FIRST_ATTEMPT = 1;
const MAX_ERRORS_SHOWN = 5;

export const execute: TExecutor<TLlmConfig> = async (ctx) => {
  const { config } = ctx;
  const render = (template: string, field: string) =>
    renderTemplate(template, ctx.scope, { nodeId: ctx.nodeId, field });
  const [system, prompt] = await Promise.all([
    render(config.systemPrompt, "systemPrompt"),
    render(config.prompt, "prompt"),
  ]);
  const messages: TChatMessage[] = [
    ...(system.trim() ? [{ role: "system" as const, content: system }] : []),
    { role: "user", content: prompt },
  ];
  const schema = config.outputSchema as TJsonSchema | null | undefined;

  const result = await callModelForStep(ctx, {
    model: config.model,
    messages,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    responseFormat: schema ? jsonSchemaResponseFormat(schema, `${ctx.nodeId}_output`) : undefined,
  });
  const output: TLlmOutput = {
    text: result.content,
    model: result.usage.model,
    finishReason: result.finishReason,
    ...(result.usage.tokensCountedBy === "tokenizer" ? { tokensCountedBy: "tokenizer" as const } : {}),
  };
  if (!schema) return { kind: "done", output, usage: result.usage };

  const answer = parseStructuredAnswer(result.content, schema);
  if (!answer.isOk) {
    const truncated =
      result.finishReason === "length" ? ` The answer was cut off at maxTokens (${config.maxTokens}).` : "";
    const shown = answer.errors.slice(0, MAX_ERRORS_SHOWN).join("; ");
    const more = answer.errors.length > MAX_ERRORS_SHOWN ? ` (+${answer.errors.length - MAX_ERRORS_SHOWN} more)` : "";
    throw new NodeError(
      "INVALID_OUTPUT",
      `The model's answer does not match the output schema: ${shown}${more}.${truncated}`,
      {
        isRetryable: ctx.attempt <= FIRST_ATTEMPT,
        // The call was made and paid for: the engine can still account for it on the failed step.
        details: {
          errors: answer.errors,
          text: result.content.slice(0, 2000),
          usage: result.usage,
          attempts: result.attempts,
        },
      },
    );
  }
  return { kind: "done", output: { ...output, json: answer.value }, usage: result.usage };
};
