"use client";

import { useEffect, useRef } from "react";
import { ChevronRight } from "lucide-react";
import type { TVersionSummary } from "@/server/workflows/editor.shared";
import { Badge } from "@/components/shell/badge";
import { DateTime } from "@/components/shell/date-time";

type TProps = {
  versions: TVersionSummary[];
  onSelect: (version: TVersionSummary) => void;
  /** The row to focus when the list appears (the version the person came back from). */
  focusId?: string | null;
};

/** Published versions, newest first; each opens its comparison and restore. */
export function VersionList({ versions, onSelect, focusId }: TProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusId) return;
    listRef.current?.querySelector<HTMLButtonElement>(`button[data-version-id="${CSS.escape(focusId)}"]`)?.focus();
  }, [focusId]);
  return (
    <ul ref={listRef} aria-label="Published versions" className="divide-y divide-slate-100">
      {versions.map((version) => (
        <li key={version.id}>
          <button
            type="button"
            data-version-id={version.id}
            onClick={() => onSelect(version)}
            className="flex w-full items-start gap-3 px-4 py-3 text-left hover:bg-slate-50 focus-visible:bg-slate-50"
          >
            <span className="mt-0.5 inline-flex h-7 min-w-9 items-center justify-center rounded-md bg-slate-100 px-1.5 font-mono text-xs font-semibold text-slate-700">
              v{version.number}
            </span>
            <span className="min-w-0 flex-1">
              <span className="flex flex-wrap items-center gap-2">
                <span className={version.note ? "text-sm font-medium text-slate-900" : "text-sm text-slate-400 italic"}>
                  {version.note || "No note"}
                </span>
                {version.isPublished ? (
                  <Badge tone="green" title="New runs use this version">
                    Published
                  </Badge>
                ) : null}
              </span>
              <span className="mt-0.5 block text-xs text-slate-500">
                {version.createdByName ?? "Unknown author"} · <DateTime value={version.createdAt} /> ·{" "}
                {version.nodeCount} {version.nodeCount === 1 ? "node" : "nodes"}
              </span>
            </span>
            <ChevronRight aria-hidden="true" className="mt-1 h-4 w-4 shrink-0 text-slate-400" />
            <span className="sr-only">Compare and restore version {version.number}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
