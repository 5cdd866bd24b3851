"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { diffDocuments } from "@/server/policies/diff-documents.shared";
import type { TPolicyDetail } from "@/server/policies/policy-detail.shared";
import { publishDraft } from "../policy-api";
import { DocumentDiff } from "./document-diff";

type TProps = { policy: TPolicyDetail; isOpen: boolean; onClose: () => void; onPublished: (next: TPolicyDetail) => void };

/** The saved draft against the current version, then a note, then the new version. */
export function PublishDialog({ policy, isOpen, onClose, onPublished }: TProps) {
  return (
    <ModalDialog
      isOpen={isOpen}
      onClose={onClose}
      title={`Publish ${policy.name}`}
      description={
        policy.currentVersion
          ? `The draft becomes v${policy.currentVersion.number + 1}${policy.isEnabled ? " and applies to the model and tool calls it covers within a second" : "; the policy is disabled, so it applies once enabled"}.`
          : `The draft becomes v1${policy.isEnabled ? " and applies to the model and tool calls it covers within a second" : "; the policy is disabled, so it applies once enabled"}.`
      }
      size="2xl"
    >
      {policy.draft ? <PublishForm policy={policy} draft={policy.draft} onClose={onClose} onPublished={onPublished} /> : <p className="text-sm text-slate-600">There is no saved draft to publish.</p>}
    </ModalDialog>
  );
}

function PublishForm({
  policy,
  draft,
  onClose,
  onPublished,
}: {
  policy: TPolicyDetail;
  draft: NonNullable<TPolicyDetail["draft"]>;
  onClose: () => void;
  onPublished: (next: TPolicyDetail) => void;
}) {
  const [note, setNote] = useState("");
  const [isTried, setIsTried] = useState(false);
  const publish = useMutation({
    mutationFn: () => publishDraft(policy.id, note.trim(), draft.updatedAt),
    onSuccess: (next) => {
      onPublished(next);
      onClose();
    },
  });
  const changes = diffDocuments(policy.currentVersion?.document, draft.document);
  const noteProblem = isTried && note.trim() === "" ? "Say what changed in a note." : null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setIsTried(true);
        if (note.trim() !== "") publish.mutate();
      }}
      className="space-y-4"
    >
      <section aria-label="Changes">
        <h3 className="mb-2 text-sm font-medium text-slate-800">
          {policy.currentVersion ? `Changes from v${policy.currentVersion.number}` : "Rules of the first version"}
        </h3>
        <div className="max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 p-3">
          <DocumentDiff changes={changes} label="Changes to publish" />
        </div>
      </section>
      <div>
        <label htmlFor="publish-note" className={LABEL}>
          Note
        </label>
        <textarea
          id="publish-note"
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={noteProblem ? true : undefined}
          aria-describedby="publish-note-hint"
          placeholder="Hold payments above 10,000 for review"
          className={FIELD}
        />
        <p id="publish-note-hint" className="mt-1 text-xs text-slate-500">
          Kept with the version and in the audit trail: say what changed and why.
        </p>
        {noteProblem ? <p className="mt-1 text-xs font-medium text-red-700">{noteProblem}</p> : null}
      </div>
      {publish.error ? (
        <p role="alert" className="whitespace-pre-line rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {publish.error.message}
        </p>
      ) : null}
      <ModalActions onCancel={onClose} confirmLabel="Publish" pendingLabel="Publishing…" isPending={publish.isPending} icon={<Rocket aria-hidden="true" className="h-4 w-4" />} />
    </form>
  );
}
