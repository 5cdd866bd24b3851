"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { builderKeys, fetchVersions, type TRestored } from "./builder-api";
import { LoadError, PanelFrame, Spinner } from "./panel-ui";
import { VersionDetail } from "./version-detail";
import { VersionList } from "./version-list";

export type TVersionHistoryPanelProps = {
  workflowId: string;
  /** The saved draft's revision: restoring is refused (409) when the draft changed since. */
  draftRevision: number;
  /** workflow:write in the workflow's team. */
  canRestore: boolean;
  onRestored: (result: TRestored) => void;
  onClose: () => void;
  /** Reloads the editor after a 409; a full page reload when absent. */
  onReload?: () => void;
};

/** The workflow's published versions; one opens as a readable comparison with restore. */
export function VersionHistoryPanel({ workflowId, draftRevision, canRestore, onRestored, onClose, onReload }: TVersionHistoryPanelProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const versions = useQuery({ queryKey: builderKeys.versions(workflowId), queryFn: () => fetchVersions(workflowId) });
  const list = versions.data ?? [];
  const selectedIndex = list.findIndex((v) => v.id === selectedId);
  const selected = list[selectedIndex] ?? null;
  const previousNumber = selected ? (list[selectedIndex + 1]?.number ?? null) : null;
  // Back from a version, focus returns to its row, not to the top of the page.
  const [returnFocusId, setReturnFocusId] = useState<string | null>(null);
  const count = versions.data?.length;

  return (
    <PanelFrame
      title="Version history"
      subtitle={count === undefined ? null : count === 1 ? "1 published version" : `${count} published versions`}
      onClose={onClose}
      closeLabel="Close version history"
    >
      {versions.isPending ? (
        <div className="px-4 py-3">
          <Spinner label="Loading versions…" />
        </div>
      ) : versions.isError ? (
        <div className="px-4 py-3">
          <LoadError title="The versions could not be loaded" message={versions.error.message} onRetry={() => void versions.refetch()} />
        </div>
      ) : selected ? (
        <VersionDetail
          key={selected.id}
          workflowId={workflowId}
          version={selected}
          previousNumber={previousNumber}
          draftRevision={draftRevision}
          canRestore={canRestore}
          onBack={() => {
            setReturnFocusId(selected.id);
            setSelectedId(null);
          }}
          onRestored={onRestored}
          onReload={onReload}
        />
      ) : versions.data.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">
          Nothing has been published yet. Publishing the draft creates version 1.
        </p>
      ) : (
        <VersionList versions={versions.data} focusId={returnFocusId} onSelect={(v) => setSelectedId(v.id)} />
      )}
    </PanelFrame>
  );
}
