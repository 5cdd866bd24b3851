import { describe, expect, it } from "vitest";
import { countChatTokens, countTextTokens } from "../gateway/tokenizer";
import {
  CLASSIFIER_REASON_TOKENS,
  VARIABLE_TOKEN_ALLOWANCE,
  estimateClassifierTokens,
  estimateLlmTokens,
  splitTemplate,
} from "./estimate-tokens";

describe("token estimates", () => {
  it("separates a template's literal text from its expressions (an escaped {{ is text)", () => {
    expect(splitTemplate("Summarise: {{ trigger.body.text }} and {{ nodes.a.output }} \\{{ literal")).toEqual({
      literal: "Summarise:  and  {{ literal",
      variables: 2,
    });
    expect(splitTemplate("no variables")).toEqual({ literal: "no variables", variables: 0 });
  });

  it("counts an LLM call's literal prompt exactly, with chat framing, and a quarter of max tokens out", () => {
    // 3 (reply priming) + system: 3 + "system" 1 + "You are terse." 4 + user: 3 + "user" 1 + "Hello world" 2
    expect(estimateLlmTokens({ systemPrompt: "You are terse.", prompt: "Hello world", maxTokens: 10 }, "gpt-4o")).toEqual({
      tokensIn: 17,
      tokensOut: 3,
      basis: "prompt ~17 tokens; output ~25% of 10 max tokens",
    });
    // An empty system prompt is left out of the conversation, as the node does.
    expect(estimateLlmTokens({ systemPrompt: "", prompt: "Hello world", maxTokens: 1024 }).tokensIn).toBe(9);
  });

  it("adds a fixed allowance per {{ }} variable", () => {
    const literal = countChatTokens([{ role: "user", content: "Summarise:  for " }]);
    const estimate = estimateLlmTokens({ systemPrompt: "", prompt: "Summarise: {{ trigger.body.text }} for {{ trigger.body.name }}", maxTokens: 1000 });
    expect(estimate.tokensIn).toBe(literal + 2 * VARIABLE_TOKEN_ALLOWANCE);
    expect(estimate.tokensOut).toBe(250);
    expect(estimate.basis).toBe(`prompt ~${literal} tokens + 2 variables × ${VARIABLE_TOKEN_ALLOWANCE}; output ~25% of 1000 max tokens`);
  });

  it("sizes a classifier's answer by its longest label plus a short reason", () => {
    const labels = [{ id: "billing", description: "Invoices" }, { id: "technical", description: "" }];
    const estimate = estimateClassifierTokens({ labels, input: "{{ trigger.body.message }}" });
    const answer = countTextTokens(JSON.stringify({ label: "technical", confidence: 0.95, reason: "" }));
    expect(estimate.tokensOut).toBe(answer + CLASSIFIER_REASON_TOKENS);
    const longer = estimateClassifierTokens({ labels: [...labels, { id: "a_much_longer_label_name", description: "" }], input: "x" });
    expect(longer.tokensOut).toBeGreaterThan(estimate.tokensOut);
    // The labels' instructions are part of what is sent: more labels, more input.
    expect(longer.tokensIn).toBeGreaterThan(estimateClassifierTokens({ labels, input: "x" }).tokensIn);
    expect(estimate.tokensIn).toBeGreaterThan(VARIABLE_TOKEN_ALLOWANCE);
  });
});
