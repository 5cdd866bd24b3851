// A step's attempts and the waits between them (retry backoff, an open circuit, an approval or delay, an emergency
// stop), as the run detail and the builder's step inspector list them: pure, so what a person reads is tested.
import type { TAttemptReason, TRunStep, TStepAttempt } from "@/server/runs/run-detail.shared";
import type { TTone } from "@/components/shell/badge";

export type TAttemptEntry = {
  type: "attempt";
  key: string;
  attempt: number;
  /** A circuit breaker's refusal: no call was made (its number is that of the call it held back). */
  isRefusal: boolean;
  /** Its label ("Failed", "Circuit open: no call made", "In flight"). */
  outcome: string;
  tone: TTone;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  errorCode: string | null;
  error: string | null;
  idempotencyKey: string | null;
  /** What became of the call, when the outcome alone does not say it (re-sent after a stop or crash). */
  note: string | null;
};

export type TWaitEntry = {
  type: "wait";
  key: string;
  label: string;
  from: string;
  /** When the wait ended (the next attempt's start) or is due to end; null when nobody can say. */
  until: string | null;
  isOngoing: boolean;
  durationMs: number | null;
};

export type TTimelineEntry = TAttemptEntry | TWaitEntry;

const OUTCOMES: Record<TAttemptReason, { label: string; tone: TTone }> = {
  answered: { label: "Answered", tone: "green" },
  waiting: { label: "Asked to wait", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
  timed_out: { label: "Timed out", tone: "red" },
  aborted_stop: { label: "Aborted by emergency stop", tone: "amber" },
  aborted_shutdown: { label: "Aborted: worker shut down", tone: "amber" },
  aborted_crash: { label: "Aborted: worker crashed", tone: "amber" },
  aborted_pass: { label: "Aborted: outcome not saved", tone: "amber" },
  cancelled: { label: "Cancelled", tone: "slate" },
  circuit_open: { label: "Circuit open: no call made", tone: "violet" },
};

const WAIT_LABELS: Record<string, string> = {
  "control.approval": "Waiting for a decision",
  "control.delay": "Waiting for the delay to pass",
  "control.subworkflow": "Waiting for the sub-workflow",
  "control.loop": "Waiting for the loop's items",
};

type TStepView = Pick<TRunStep, "attempts" | "status" | "nodeType" | "isInterruptedByStop">;

/** "14:03:27" (UTC). */
export function formatClock(iso: string): string {
  return iso.slice(11, 19);
}

const ms = (from: string, to: string | null) => (to ? Math.max(0, Date.parse(to) - Date.parse(from)) : null);

/** Whether the attempts say more than the step itself: more than one, or one that did not simply answer. */
export function hasAttemptStory(step: Pick<TRunStep, "attempts">): boolean {
  return step.attempts.length > 1 || step.attempts.some((a) => a.reason !== "answered");
}

export function attemptTimeline(step: TStepView): TTimelineEntry[] {
  const entries: TTimelineEntry[] = [];
  step.attempts.forEach((a, i) => {
    const next = step.attempts[i + 1];
    entries.push(attemptEntry(a, i, next));
    const wait = waitAfter(step, a, next);
    if (wait) entries.push({ type: "wait", key: `wait-${i}`, ...wait });
  });
  return entries;
}

function attemptEntry(a: TStepAttempt, i: number, next: TStepAttempt | undefined): TAttemptEntry {
  const outcome = a.reason ? OUTCOMES[a.reason] : { label: "In flight", tone: "blue" as const };
  const isResent = next !== undefined && next.attempt === a.attempt && next.kind === "call" && a.kind === "call";
  const note =
    a.reason === "aborted_crash"
      ? `Its worker stopped before the outcome was saved; the pass that took the step up found it at ${formatClock(a.endedAt ?? a.startedAt)}.`
      : isResent && a.reason === "waiting"
        ? // It asked to wait (an approval, a delay, a sub-workflow): nothing was sent again, the step went on.
          "Resumed after the wait as the same attempt, with the same Idempotency-Key."
        : isResent
          ? "Sent again as the same attempt, with the same Idempotency-Key."
          : null;
  return {
    type: "attempt",
    key: `attempt-${i}`,
    attempt: a.attempt,
    isRefusal: a.kind === "circuit",
    outcome: outcome.label,
    tone: outcome.tone,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
    durationMs: ms(a.startedAt, a.endedAt),
    errorCode: a.errorCode,
    error: a.error,
    idempotencyKey: a.idempotencyKey,
    note,
  };
}

function waitAfter(step: TStepView, a: TStepAttempt, next: TStepAttempt | undefined): Omit<TWaitEntry, "type" | "key"> | null {
  if (!a.endedAt) return null;
  const isLast = next === undefined;
  // A wait that is over but whose end nobody recorded (a loop's items finished it, the run ended) is not shown.
  const span = (label: string, isOngoing: boolean, due: string | null) => {
    const until = next?.startedAt ?? (isOngoing ? due : null);
    if (!isOngoing && !until) return null;
    return { label, from: a.endedAt!, until, isOngoing, durationMs: isOngoing ? null : ms(a.endedAt!, until) };
  };
  switch (a.reason) {
    case "failed":
    case "timed_out":
      if (!a.retryAt) return null;
      return span("Retry backoff", isLast && step.status === "PENDING", a.retryAt);
    case "circuit_open":
      return span("Circuit open: waiting to try again", isLast && step.status === "PENDING", a.retryAt);
    case "waiting":
      return span(WAIT_LABELS[step.nodeType] ?? "Waiting", isLast && step.status === "WAITING", null);
    case "aborted_stop":
      return span("Engine stopped", isLast && step.isInterruptedByStop, null);
    default:
      return null;
  }
}
