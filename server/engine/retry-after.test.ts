import { describe, expect, it } from "vitest";
import { NodeError } from "../nodes/node-error";
import { compileVersion } from "./compile-version";
import { classifyFailure } from "./step-runner";

// A step retried by the engine after a 429 waits for the provider's Retry-After when it is longer than the node's
// backoff, up to the node's maximum backoff: the one retry layer for a node with retries (issue 12).

function llmNode(retry: Record<string, unknown>) {
  const version = compileVersion("v", {
    nodes: [
      { id: "t", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      {
        id: "ask",
        type: "ai.llm",
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: { model: { kind: "model", modelId: "m" }, prompt: "Hi" },
        settings: { retry },
      },
    ],
    edges: [{ id: "e", source: "t", sourceHandle: "out", target: "ask", targetHandle: "in" }],
  });
  return version.nodes.get("ask")!;
}

const NOW = Date.parse("2026-12-07T14:00:00.000Z");
const rateLimited = (retryAfterMs?: number) =>
  new NodeError("RATE_LIMITED", "OpenAI rate-limited the call (429): Slow down.", { details: { status: 429, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } });
const waitOf = (outcome: ReturnType<typeof classifyFailure>) => (outcome.kind === "retry" ? outcome.at.getTime() - NOW : null);

describe("a step retried after a 429", () => {
  it("waits for the Retry-After when it is longer than the backoff", () => {
    const node = llmNode({ maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000 });
    expect(waitOf(classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, rateLimited(7000), NOW, () => 0))).toBe(7000);
  });

  it("keeps the backoff when it is longer, or when no Retry-After came", () => {
    const node = llmNode({ maxAttempts: 3, backoffMs: 10_000, maxBackoffMs: 60_000 });
    expect(waitOf(classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, rateLimited(2000), NOW, () => 1))).toBe(10_000);
    expect(waitOf(classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, rateLimited(), NOW, () => 1))).toBe(10_000);
  });

  it("never waits longer than the node's maximum backoff", () => {
    const node = llmNode({ maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 30_000 });
    expect(waitOf(classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, rateLimited(3_600_000), NOW, () => 0))).toBe(30_000);
  });
});
