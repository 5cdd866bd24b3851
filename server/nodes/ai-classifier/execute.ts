import { renderTemplate } from "../../engine/templates";
import { classifyByKeywords } from "../../nlp/keyword-classifier";
import type { TExecuteResult, TExecutor } from "../execute-types";
import { NodeError } from "../node-error";
import { FALLBACK_HANDLE, type TClassifierConfig, type TClassifierOutput } from "./definition";
import { classifyWithModel } from "./llm-classify";

// The chosen label's handle fires (and only it); no label, or a confidence under minConfidence, fires Fallback.

function finish(
  output: TClassifierOutput,
  minConfidence: number,
  usage?: Extract<TExecuteResult, { kind: "done" }>["usage"],
): TExecuteResult {
  if (output.label !== FALLBACK_HANDLE && output.confidence < minConfidence) {
    const reason = `Best label "${output.label}" at confidence ${output.confidence} is below the minimum of ${minConfidence}.`;
    output = { ...output, label: FALLBACK_HANDLE, reason: output.reason ? `${reason} ${output.reason}` : reason };
  }
  return { kind: "done", output, handles: [output.label], ...(usage ? { usage } : {}) };
}

export const execute: TExecutor<TClassifierConfig> = async (ctx) => {
  const { config } = ctx;
  const text = await renderTemplate(config.input, ctx.scope, { nodeId: ctx.nodeId, field: "input" });
  if (config.mode === "local") {
    const result = await classifyByKeywords(text, config.labels);
    const output: TClassifierOutput = {
      label: result.label ?? FALLBACK_HANDLE,
      confidence: result.confidence,
      reason: result.reason,
      scores: result.scores,
    };
    return finish(output, config.minConfidence);
  }
  if (!config.model)
    throw new NodeError("INVALID_CONFIG", `Node "${ctx.nodeId}": choose a model or route for LLM mode.`);
  const result = await classifyWithModel(ctx, config.model, config.labels, text);
  return finish(
    { label: result.label, confidence: result.confidence, reason: result.reason },
    config.minConfidence,
    result.usage,
  );
};
