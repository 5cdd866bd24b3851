import { describe, expect, it } from "vitest";
import { byEngineOrder, conditionScopeFor, isCheckedStep, payloadOf, preInputOf, toolCallOf, type TRunFacts, type TStepFacts } from "./simulate-inputs";

const run: TRunFacts = {
  id: "r",
  workflowId: "w",
  workflowVersionId: "v",
  versionNumber: 4,
  teamId: "t",
  input: { body: { amount: 5 } },
  dataClassification: "confidential",
};

let n = 0;
function step(nodeId: string, extra: Partial<TStepFacts> = {}): TStepFacts {
  n += 1;
  return {
    id: `s${n}`, nodeId, iterationKey: "", nodeType: "tool.transform", status: "SUCCEEDED", input: null, output: { from: nodeId },
    model: null, provider: null, sentRequest: null, tokensIn: 0, tokensOut: 0, costUsd: "0", seq: n, createdAt: new Date(n * 1000),
    ...extra,
  };
}

describe("simulation inputs", () => {
  it("checks model steps and tool steps only", () => {
    expect(isCheckedStep({ model: "m", nodeType: "ai.classifier" })).toBe(true);
    expect(isCheckedStep({ model: null, nodeType: "tool.http" })).toBe(true);
    expect(isCheckedStep({ model: null, nodeType: "control.output" })).toBe(false);
  });

  it("lets a step's condition see the trigger and the outputs of earlier steps with one, the nearest loop iteration first", () => {
    const t = step("t", { seq: 1 });
    const failed = step("f", { seq: 2, status: "FAILED", output: { error: true } });
    const skipped = step("skip", { seq: 3, status: "SKIPPED", output: null });
    const inner = step("x", { seq: 4, iterationKey: "2", output: "iteration 2" });
    const outer = step("x", { seq: 5, output: "outer" });
    const otherIteration = step("y", { seq: 6, iterationKey: "1", output: "iteration 1" });
    const current = step("ask", { seq: 7, iterationKey: "2.0" });
    const later = step("z", { seq: 8 });
    const ordered = [later, current, otherIteration, inner, outer, skipped, failed, t].sort(byEngineOrder);
    expect(conditionScopeFor(run, ordered, current)).toEqual({
      trigger: { body: { amount: 5 } },
      nodes: { t: { output: { from: "t" } }, f: { output: { error: true } }, x: { output: "iteration 2" } },
    });
  });

  it("orders rows written before seq by creation", () => {
    const a = step("a", { seq: 0, createdAt: new Date(2000) });
    const b = step("b", { seq: 0, createdAt: new Date(1000) });
    expect([a, b].sort(byEngineOrder).map((s) => s.nodeId)).toEqual(["b", "a"]);
  });

  it("reads the payload from the recorded request, else the step's input", () => {
    const messages = [{ role: "user", content: "hi" }];
    expect(payloadOf(step("a", { sentRequest: { model: "m", provider: "p", messages, params: {} }, input: { x: 1 } }))).toEqual({ payload: messages, source: "sent_request" });
    expect(payloadOf(step("a", { sentRequest: { sha256: "ab" }, input: { x: 1 } }))).toEqual({ payload: { x: 1 }, source: "step_input" });
    expect(payloadOf(step("a"))).toEqual({ payload: undefined, source: "none" });
  });

  it("finds the tool call: the recorded HTTP host, else the configured one; the MCP server's host and tool", () => {
    expect(toolCallOf(step("h", { nodeType: "tool.http", output: { request: { url: "https://API.example.com/x" } } }), undefined)).toEqual({ kind: "http", host: "api.example.com" });
    expect(toolCallOf(step("h", { nodeType: "tool.http", output: null }), { url: "https://b.example.com/{{ x }}" })).toBeUndefined();
    expect(toolCallOf(step("h", { nodeType: "tool.http", output: null }), { url: "http://[::1]:8080/" })).toEqual({ kind: "http", host: "::1" });
    expect(toolCallOf(step("m", { nodeType: "tool.mcp" }), { serverUrl: "https://tools.example.com/mcp", toolName: "search" })).toEqual({
      kind: "mcp",
      server: "tools.example.com",
      tool: "search",
    });
  });

  it("builds the pre input as the engine's context: workflow actor, team, version, classification, model and region, usage", () => {
    const ask = step("ask", { nodeType: "ai.llm", model: "gpt", provider: "OpenAI", tokensIn: 12, tokensOut: 3, costUsd: "0.0002" });
    const { input, source } = preInputOf(run, [ask], ask, undefined, (model, provider) => (model === "gpt" && provider === "OpenAI" ? "us" : null));
    expect(source).toBe("none");
    expect(input).toEqual({
      actor: { kind: "workflow", id: "w" },
      teamId: "t",
      workflow: { id: "w", versionId: "v", versionNumber: 4 },
      nodeType: "ai.llm",
      model: { name: "gpt", provider: "OpenAI", region: "us" },
      dataClassification: "confidential",
      payload: undefined,
      toolCall: undefined,
      projected: { promptTokens: 12, completionTokens: 3, costUsd: "0.0002" },
      conditionScope: { trigger: { body: { amount: 5 } }, nodes: {} },
    });
  });
});
