// The step inspector's facts as label/value pairs: pure, so what a person reads about a step is tested.
import { formatDateTime, formatDuration, formatMoney, formatNumber } from "@/components/format";
import type { TRunStep, TStepStatus } from "@/server/runs/run-detail.shared";

export type TStepFact = { label: string; value: string };

const FINISHED: readonly TStepStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];

/** "Item 3" for a step inside a loop ("3", or "1.3" in nested loops), null outside loops. */
export function iterationLabel(iterationKey: string): string | null {
  if (iterationKey === "") return null;
  const parts = iterationKey.split(".");
  return parts.length === 1 ? `Item ${parts[0]}` : `Item ${parts.join(" › ")}`;
}

export function stepFacts(step: TRunStep): TStepFact[] {
  const facts: TStepFact[] = [{ label: "Attempt", value: String(step.attempt) }];
  const item = iterationLabel(step.iterationKey);
  if (item) facts.push({ label: "Loop item", value: item });
  // Latency of a step still running is not known yet: a dash, never a misleading partial figure.
  facts.push({ label: "Latency", value: FINISHED.includes(step.status) ? formatDuration(step.latencyMs) : "—" });
  if (step.model) facts.push({ label: "Model", value: step.model });
  if (step.provider) facts.push({ label: "Provider", value: step.provider });
  if (step.model || step.tokensIn + step.tokensOut > 0) {
    facts.push({ label: "Tokens in / out", value: `${formatNumber(step.tokensIn)} / ${formatNumber(step.tokensOut)}` });
    facts.push({ label: "Cost", value: formatMoney(step.costUsd) });
  } else if (Number(step.costUsd) > 0) {
    facts.push({ label: "Cost", value: formatMoney(step.costUsd) });
  }
  if (step.startedAt) facts.push({ label: "Started", value: `${formatDateTime(step.startedAt)} UTC` });
  return facts;
}

const ITERATION_ORDER: readonly TStepStatus[] = ["FAILED", "RUNNING", "WAITING", "PENDING", "CANCELLED", "SUCCEEDED", "SKIPPED"];

/** An iteration's status: a failure wins, then anything in progress, then success. */
function iterationStatus(steps: readonly TRunStep[]): TStepStatus {
  const statuses = new Set(steps.map((s) => s.status));
  return ITERATION_ORDER.find((s) => statuses.has(s)) ?? "SKIPPED";
}

/** "12 items: 11 succeeded, 1 failed" for a Loop step; null for any other step. */
export function iterationSummary(step: TRunStep): string | null {
  if (step.nodeType !== "control.loop" && step.iterations.length === 0) return null;
  const total = step.iterations.length;
  if (total === 0) return "No items ran";
  const counts = new Map<TStepStatus, number>();
  for (const iteration of step.iterations) {
    const status = iterationStatus(iteration.steps);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const parts = ITERATION_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s.toLowerCase()}`);
  return `${total} ${total === 1 ? "item" : "items"}: ${parts.join(", ")}`;
}
