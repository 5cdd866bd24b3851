import type { TExpressionScope } from "@/server/workflows/editor.shared";

/**
 * What the test-run dialog suggests: the body of the last run's input (every trigger puts its payload under `body`),
 * so a first test runs on realistic data; `null` when there is no earlier run to take it from.
 */
export function sampleFromScope(scope: TExpressionScope | null): unknown {
  const trigger = scope?.trigger;
  if (trigger === null || typeof trigger !== "object" || !("body" in trigger)) return null;
  const { body } = trigger as { body: unknown };
  return body === undefined ? null : body;
}
