"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { BUTTON } from "./form-styles";
import { setWorkflowStatus } from "./workflow-api";
import { WorkflowDialog } from "./workflow-dialog";

type TProps = { workflow: { id: string; name: string }; isOpen: boolean; onClose: () => void };

export function ArchiveWorkflowDialog({ workflow, isOpen, onClose }: TProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function archive() {
    setIsPending(true);
    setError(null);
    try {
      await setWorkflowStatus(workflow.id, "archive");
      onClose();
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The workflow could not be archived.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <WorkflowDialog isOpen={isOpen} onClose={onClose} title={`Archive “${workflow.name}”?`}>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
        <li>It starts no new runs: its webhook, schedule and event triggers stop. Runs in progress finish.</li>
        <li>It leaves the list; choose the Archived status to see it again.</li>
        <li>Its versions and run history are kept. Restore it at any time (it comes back paused, or as a draft).</li>
      </ul>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-6 flex justify-end gap-2">
        <button type="button" onClick={onClose} className={BUTTON.secondary}>
          Cancel
        </button>
        <button type="button" onClick={archive} disabled={isPending} className={BUTTON.danger}>
          {isPending ? "Archiving…" : "Archive workflow"}
        </button>
      </div>
    </WorkflowDialog>
  );
}
