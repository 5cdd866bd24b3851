"use client";

import { useState } from "react";
import { AlertTriangle } from "lucide-react";
import { diffGraphs } from "@/server/workflows/diff-graphs.shared";
import type { TEditorData, TGraphDiff } from "@/server/workflows/editor.shared";
import { VersionDiffView } from "../panels/version-diff-view";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { fetchEditor } from "./editor-api";

type TProps = {
  workflowId: string;
  mine: TWorkflowGraph;
  onReload: (theirs: TEditorData) => void;
  onKeepMine: (currentRevision: number) => void;
};

/**
 * Someone saved the draft after this tab loaded it: autosave stopped, nothing was overwritten. The person compares,
 * then takes their colleague's version or deliberately keeps theirs.
 */
export function ConflictBanner({ workflowId, mine, onReload, onKeepMine }: TProps) {
  const [theirs, setTheirs] = useState<TEditorData | null>(null);
  const [diff, setDiff] = useState<TGraphDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const load = async (): Promise<TEditorData | null> => {
    setIsBusy(true);
    setError(null);
    try {
      const data = theirs ?? (await fetchEditor(workflowId));
      setTheirs(data);
      return data;
    } catch (e) {
      setError(e instanceof Error ? e.message : "Loading the newer version failed.");
      return null;
    } finally {
      setIsBusy(false);
    }
  };

  const compare = async () => {
    const data = await load();
    if (data) setDiff(diffGraphs(data.graph, mine));
  };

  return (
    <div role="alert" data-testid="conflict-banner" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900">
      <div className="flex flex-wrap items-center gap-2">
        <AlertTriangle aria-hidden="true" className="h-4 w-4" />
        <span className="font-medium">Someone saved this workflow after you opened it.</span>
        <span>Your latest changes are not saved, and theirs were not overwritten.</span>
        <div className="ml-auto flex gap-2">
          <button type="button" disabled={isBusy} onClick={() => void compare()} className="rounded-md border border-red-300 bg-white px-2 py-1 font-medium hover:bg-red-100 focus-visible:ring-2 focus-visible:ring-brand-500">
            Compare
          </button>
          <button
            type="button"
            disabled={isBusy}
            onClick={async () => {
              const data = await load();
              if (data) onReload(data);
            }}
            className="rounded-md border border-red-300 bg-white px-2 py-1 font-medium hover:bg-red-100 focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            Reload their version
          </button>
          {theirs ? (
            <button type="button" onClick={() => onKeepMine(theirs.workflow.draftRevision)} className="rounded-md bg-red-700 px-2 py-1 font-medium text-white hover:bg-red-800 focus-visible:ring-2 focus-visible:ring-brand-500">
              Replace theirs with mine
            </button>
          ) : null}
        </div>
      </div>
      {error ? <p className="mt-1">{error}</p> : null}
      {diff ? (
        <div className="mt-2 max-h-72 overflow-y-auto rounded-md bg-white p-3 text-slate-800 ring-1 ring-red-200">
          <VersionDiffView diff={diff} fromLabel="their saved version" toLabel="yours" />
        </div>
      ) : null}
    </div>
  );
}
