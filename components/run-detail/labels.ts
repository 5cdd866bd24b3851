import { stepCircuitWaitLabel, type TRunStep } from "@/server/runs/run-detail.shared";
import type { TTriggerType } from "@/server/runs/run-list.shared";

export const TRIGGER_LABELS: Record<TTriggerType, string> = {
  manual: "Manual",
  webhook: "Webhook",
  schedule: "Schedule",
  event: "Event",
  subworkflow: "Sub-workflow",
  api: "API",
  test: "Test",
};

const WAIT_LABELS: Record<string, string> = {
  approval: "Waiting for a decision",
  delay: "Waiting for the delay to pass",
  subworkflow: "Waiting for the sub-workflow",
  retry: "Waiting to retry",
  loop: "Iterating",
};

/**
 * What a waiting step waits for ("Waiting for a decision", "Waiting for host api.example.com to recover until
 * 14:03:22 UTC"); undefined for a step that is not waiting.
 */
export function waitLabelOf(step: Pick<TRunStep, "status" | "waitKind" | "error">): string | undefined {
  const circuit = stepCircuitWaitLabel(step);
  if (circuit) return circuit;
  return step.status === "WAITING" && step.waitKind ? WAIT_LABELS[step.waitKind] : undefined;
}
