"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import clsx from "clsx";
import type { TVersionSummary } from "@/server/workflows/editor.shared";
import { Badge } from "@/components/shell/badge";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON } from "@/components/shell/form-styles";
import { builderKeys, fetchDiff, type TDiffSide, type TRestored } from "./builder-api";
import { LoadError, Spinner } from "./panel-ui";
import { RestoreVersion } from "./restore-version";
import { VersionDiffView } from "./version-diff-view";

type TCompare = "draft" | "previous";

type TProps = {
  workflowId: string;
  version: TVersionSummary;
  /** The number of the version published before this one (the next in the newest-first list); null for the first. */
  previousNumber: number | null;
  draftRevision: number;
  canRestore: boolean;
  onBack: () => void;
  onRestored: (result: TRestored) => void;
  onReload?: () => void;
};

function sidesOf(compare: TCompare, number: number, previous: number | null): { from: TDiffSide; to: TDiffSide } {
  return compare === "previous" && previous !== null ? { from: previous, to: number } : { from: number, to: "draft" };
}

/** One version: its note, what differs from the draft or from the version before it, and restore. */
export function VersionDetail({ workflowId, version, previousNumber, draftRevision, canRestore, onBack, onRestored, onReload }: TProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);
  const hasPrevious = previousNumber !== null;
  const [compare, setCompare] = useState<TCompare>("draft");
  const { from, to } = sidesOf(compare, version.number, previousNumber);
  const diff = useQuery({
    queryKey: builderKeys.diff(workflowId, from, to, draftRevision),
    queryFn: () => fetchDiff(workflowId, from, to),
  });
  const [fromLabel, toLabel] =
    to === "draft" ? [`version ${version.number}`, "the current draft"] : [`version ${from}`, `version ${version.number}`];

  return (
    <div className="px-4 py-3">
      <button type="button" onClick={onBack} className={BUTTON.small}>
        <ArrowLeft aria-hidden="true" className="h-3.5 w-3.5" />
        All versions
      </button>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <h3 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
          Version {version.number}
        </h3>
        {version.isPublished ? <Badge tone="green">Published</Badge> : null}
      </div>
      <p className={clsx("mt-1 text-sm", version.note ? "text-slate-700" : "text-slate-400 italic")}>
        {version.note || "No note"}
      </p>
      <p className="mt-0.5 text-xs text-slate-500">
        {version.createdByName ?? "Unknown author"} · <DateTime value={version.createdAt} />
      </p>

      {canRestore ? (
        <div className="mt-3">
          <RestoreVersion
            workflowId={workflowId}
            versionNumber={version.number}
            draftRevision={draftRevision}
            onRestored={onRestored}
            onReload={onReload}
          />
        </div>
      ) : null}

      <fieldset className="mt-5">
        <legend className="text-sm font-semibold text-slate-900">Compare with</legend>
        <div className="mt-1.5 grid grid-cols-2 rounded-md border border-slate-300 p-0.5 text-sm">
          {(["draft", "previous"] as const).map((option) => {
            const isDisabled = option === "previous" && !hasPrevious;
            return (
              <label
                key={option}
                className={clsx(
                  "cursor-pointer rounded px-2.5 py-1 text-center font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
                  compare === option ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100",
                  isDisabled && "cursor-not-allowed opacity-50 hover:bg-transparent",
                )}
              >
                <input
                  type="radio"
                  name={`compare-${version.id}`}
                  value={option}
                  checked={compare === option}
                  disabled={isDisabled}
                  onChange={() => setCompare(option)}
                  className="sr-only"
                />
                {option === "draft" ? "Current draft" : hasPrevious ? `Version ${previousNumber}` : "Previous version"}
              </label>
            );
          })}
        </div>
        {!hasPrevious ? (
          <p className="mt-1 text-xs text-slate-500">
            Version {version.number} is the first version: nothing was published before it.
          </p>
        ) : null}
      </fieldset>

      <div className="mt-3">
        {diff.isPending ? (
          <Spinner label="Comparing…" />
        ) : diff.isError ? (
          <LoadError title="The comparison could not be loaded" message={diff.error.message} onRetry={() => void diff.refetch()} />
        ) : (
          <VersionDiffView diff={diff.data} fromLabel={fromLabel} toLabel={toLabel} />
        )}
      </div>
    </div>
  );
}
