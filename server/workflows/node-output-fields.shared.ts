// The output fields each node type is known to produce (what its executor returns), so the builder can suggest
// `nodes.<id>.output.<field>` before any run has produced data. Isomorphic data; keep in step with the executors.
import type { TNodeType } from "./graph.shared";

export const NODE_OUTPUT_FIELDS: Partial<Record<TNodeType, readonly string[]>> = {
  "trigger.manual": ["body"],
  "trigger.webhook": ["body", "headers", "query", "receivedAt"],
  "trigger.schedule": ["body", "firedAt", "cron", "timezone"],
  "trigger.event": ["body", "event"],
  "ai.llm": ["text", "json", "model", "finishReason"],
  "ai.classifier": ["label", "confidence", "reason", "scores"],
  "ai.sentiment": ["score", "label", "sentences"],
  "ai.entities": ["entities", "hasPii", "piiCounts", "redactedText"],
  "ai.retrieval": ["query", "results"],
  "tool.http": ["status", "headers", "body", "durationMs", "request"],
  "tool.mcp": ["content", "structuredContent", "isError"],
  "tool.code": ["result", "logs"],
  "control.condition": ["result"],
  "control.switch": ["matched"],
  "control.loop": ["count", "results"],
  "control.delay": ["waitedUntil"],
  "control.approval": ["decision", "comment", "decidedBy"],
};

/** What `trigger` holds for each trigger type (the run's input). */
export const TRIGGER_FIELDS: Partial<Record<TNodeType, readonly string[]>> = {
  "trigger.manual": ["body"],
  "trigger.webhook": ["body", "headers", "query", "receivedAt"],
  "trigger.schedule": ["body", "firedAt", "cron", "timezone"],
  "trigger.event": ["body", "event"],
};
