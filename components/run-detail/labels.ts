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
