import clsx from "clsx";
import { Hourglass } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { formatDuration } from "@/components/format";
import type { TRunStep } from "@/server/runs/run-detail.shared";
import { attemptTimeline, formatClock, type TAttemptEntry, type TWaitEntry } from "./attempt-timeline";

/** A step's attempts in order, with the waits between them as spans (retry backoff, open circuit, approval, stop). */
export function StepAttempts({ step, className }: { step: TRunStep; className?: string }) {
  const entries = attemptTimeline(step);
  if (entries.length === 0) return null;
  return (
    <ol
      aria-label={`Attempts of ${step.nodeId}`}
      className={clsx("space-y-1 border-l-2 border-slate-200 pl-3 text-xs", className)}
    >
      {entries.map((e) => (e.type === "attempt" ? <AttemptRow key={e.key} entry={e} /> : <WaitRow key={e.key} entry={e} />))}
    </ol>
  );
}

function AttemptRow({ entry }: { entry: TAttemptEntry }) {
  return (
    <li className="min-w-0 py-0.5" data-testid="step-attempt">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 tabular-nums text-slate-600">
        <span className="font-medium text-slate-800">{entry.isRefusal ? "Call refused" : `Attempt ${entry.attempt}`}</span>
        <Badge tone={entry.tone}>{entry.outcome}</Badge>
        {entry.errorCode ? <code className="font-mono font-semibold text-slate-700">{entry.errorCode}</code> : null}
        <span>
          <time dateTime={entry.startedAt}>{formatClock(entry.startedAt)}</time>
          {entry.durationMs !== null ? ` · ${formatDuration(entry.durationMs)}` : " · still running"}
        </span>
      </div>
      {entry.error ? <p className="mt-0.5 break-words text-slate-600">{entry.error}</p> : null}
      {entry.note ? <p className="mt-0.5 text-slate-500">{entry.note}</p> : null}
      {entry.idempotencyKey ? (
        <p className="mt-0.5 truncate text-slate-500" title={entry.idempotencyKey}>
          Idempotency-Key <code className="font-mono">{entry.idempotencyKey}</code>
        </p>
      ) : null}
    </li>
  );
}

function WaitRow({ entry }: { entry: TWaitEntry }) {
  const until = entry.until ? formatClock(entry.until) : null;
  const detail = entry.isOngoing
    ? until
      ? `until ${until} UTC`
      : "still waiting"
    : `${formatDuration(entry.durationMs)}${until ? `, until ${until} UTC` : ""}`;
  return (
    <li
      className={clsx(
        "flex items-center gap-2 rounded border border-dashed px-2 py-1",
        entry.isOngoing ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-300 bg-slate-50 text-slate-600",
      )}
      data-testid="step-wait"
    >
      <Hourglass aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
      <span className="font-medium">{entry.label}</span>
      <span className="tabular-nums">
        from <time dateTime={entry.from}>{formatClock(entry.from)}</time> · {detail}
      </span>
    </li>
  );
}
