"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { setWorkflowStatus } from "./workflow-api";
import { FormError } from "./workflow-fields";

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
    <ModalDialog isOpen={isOpen} onClose={onClose} title={`Archive “${workflow.name}”?`}>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
        <li>It starts no new runs: its webhook, schedule and event triggers stop. Runs in progress finish.</li>
        <li>It leaves the list; choose the Archived status to see it again.</li>
        <li>Its versions and run history are kept. Restore it at any time (it comes back paused, or as a draft).</li>
      </ul>
      <FormError message={error} className="mt-3" />
      <ModalActions
        onCancel={onClose}
        onConfirm={() => void archive()}
        confirmLabel="Archive workflow"
        pendingLabel="Archiving…"
        isPending={isPending}
        tone="danger"
      />
    </ModalDialog>
  );
}
