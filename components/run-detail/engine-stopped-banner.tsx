import { OctagonPause } from "lucide-react";
import { DateTime } from "@/components/shell/date-time";
import type { TRunDetail } from "@/server/runs/run-detail.shared";

/**
 * Shown while the engine-wide emergency stop holds an unfinished run. Resuming the engine wakes every queued or
 * running run (server/engine/run-commands.ts resumeEngine); a waiting run goes on when what it waits for happens.
 */
export function EngineStoppedBanner({ run }: { run: TRunDetail }) {
  const stop = run.engineStop;
  if (!stop) return null;
  const isWaiting = run.status === "WAITING";
  return (
    <div
      role="alert"
      aria-label="Engine stopped"
      className="mb-6 flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <OctagonPause aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
      <div className="min-w-0">
        <h2 className="font-semibold">The engine is stopped</h2>
        <p className="mt-1 break-words">
          An emergency stop
          {stop.changedBy ? ` by ${stop.changedBy}` : ""}
          {stop.changedAt ? (
            <>
              {" "}
              (<DateTime value={stop.changedAt} /> UTC)
            </>
          ) : null}{" "}
          halted every run{stop.reason ? `: “${stop.reason}”` : ""}. Nothing of this run executes meanwhile;{" "}
          {isWaiting
            ? "it stays waiting, and goes on once an organisation admin resumes the engine and what it waits for has happened."
            : "this run resumes when an organisation admin resumes the engine. A step stopped mid-call is sent again then, as the same attempt with the same Idempotency-Key."}
        </p>
      </div>
    </div>
  );
}
