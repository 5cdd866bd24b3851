"use client";

import { useId, useMemo, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { FIELD } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { ActionError } from "./action-error";
import { builderKeys, postPublish, type TPublished } from "./builder-api";
import { CostEstimateView } from "./cost-estimate-view";
import { nodeNamesOf } from "./group-problems";

export const PUBLISH_NOTE_MAX = 500;

export type TPublishDialogProps = {
  workflowId: string;
  /** The saved draft's revision: publishing is refused (409) when the draft changed since. */
  revision: number;
  /** The draft as the editor holds it, for the cost estimate. */
  graph: TWorkflowGraph;
  isOpen: boolean;
  onClose: () => void;
  onPublished: (version: TPublished) => void;
  /** Reloads the editor after a 409; a full page reload when absent. */
  onReload?: () => void;
};

/** Publish the saved draft as a new version: its expected cost first, then a note, then the result or refusal. */
export function PublishDialog(props: TPublishDialogProps) {
  const formId = useId();
  const [isPending, setIsPending] = useState(false);
  return (
    <ModalDialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title="Publish a new version"
      description="New runs use the new version at once; runs in progress finish on the version they started with."
      size="2xl"
      footer={
        <ModalActions
          isInFooter
          form={formId}
          onCancel={props.onClose}
          icon={<Rocket aria-hidden="true" className="h-4 w-4" />}
          confirmLabel="Publish"
          pendingLabel="Publishing…"
          isPending={isPending}
        />
      }
    >
      <PublishForm {...props} formId={formId} onPendingChange={setIsPending} />
    </ModalDialog>
  );
}

function PublishForm({
  workflowId,
  revision,
  graph,
  onPublished,
  onReload,
  formId,
  onPendingChange,
}: TPublishDialogProps & { formId: string; onPendingChange: (isPending: boolean) => void }) {
  const queryClient = useQueryClient();
  const noteId = useId();
  const [note, setNote] = useState("");
  const nodeNames = useMemo(() => nodeNamesOf(graph), [graph]);
  const publish = useMutation({
    mutationFn: () => postPublish(workflowId, { note: note.trim(), revision }),
    onMutate: () => onPendingChange(true),
    onSettled: () => onPendingChange(false),
    onSuccess: (version) => {
      void queryClient.invalidateQueries({ queryKey: builderKeys.versions(workflowId) });
      onPublished(version);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!publish.isPending) publish.mutate();
  }

  return (
    <form id={formId} onSubmit={onSubmit} className="space-y-5">
      <section aria-label="Estimated cost">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Estimated cost per run</h3>
        <CostEstimateView workflowId={workflowId} graph={graph} />
      </section>
      <div>
        <label htmlFor={noteId} className="block text-sm font-semibold text-slate-900">
          What changed? <span className="font-normal text-slate-500">(optional, shown in the version history)</span>
        </label>
        <textarea
          id={noteId}
          data-autofocus
          rows={3}
          maxLength={PUBLISH_NOTE_MAX}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${noteId}-count`}
          placeholder="e.g. Route refunds over $500 to a manager"
          className={FIELD}
        />
        <p id={`${noteId}-count`} className="text-right text-xs text-slate-500 tabular-nums">
          {note.length}/{PUBLISH_NOTE_MAX}
        </p>
      </div>
      <ActionError
        error={publish.error}
        title="Not published"
        consequence="Nothing was published."
        nodeNames={nodeNames}
        onReload={onReload}
      />
    </form>
  );
}
