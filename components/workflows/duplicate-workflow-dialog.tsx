"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { BUTTON, FIELD, LABEL } from "./form-styles";
import { FieldError, TeamField, type TTeamOption } from "./team-field";
import { duplicateWorkflow, editorPath, WorkflowApiError } from "./workflow-api";
import { WorkflowDialog } from "./workflow-dialog";

type TProps = {
  workflow: { id: string; name: string; teamId: string };
  teams: TTeamOption[];
  isOpen: boolean;
  onClose: () => void;
};

export function DuplicateWorkflowDialog({ workflow, teams, isOpen, onClose }: TProps) {
  return (
    <WorkflowDialog
      isOpen={isOpen}
      onClose={onClose}
      title={`Duplicate “${workflow.name}”`}
      description="A new draft with a copy of its draft graph, description and tags. Versions and runs are not copied."
    >
      <DuplicateForm workflow={workflow} teams={teams} onCancel={onClose} />
    </WorkflowDialog>
  );
}

function DuplicateForm({ workflow, teams, onCancel }: Omit<TProps, "isOpen" | "onClose"> & { onCancel: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(`Copy of ${workflow.name}`.slice(0, 120));
  const [teamId, setTeamId] = useState(teams.some((t) => t.id === workflow.teamId) ? workflow.teamId : (teams[0]?.id ?? ""));
  const [error, setError] = useState<WorkflowApiError | null>(null);
  const [isPending, setIsPending] = useState(false);
  const nameError = error?.issueFor("name");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsPending(true);
    setError(null);
    try {
      // An empty name lets the server pick a free "Copy of …" name.
      const id = await duplicateWorkflow(workflow.id, { name: name.trim() || undefined, teamId });
      router.push(editorPath(id));
    } catch (e) {
      setError(e instanceof WorkflowApiError ? e : new WorkflowApiError(0, "The workflow could not be duplicated."));
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div>
        <label htmlFor={`duplicate-name-${workflow.id}`} className={LABEL}>
          Name of the copy
        </label>
        <input
          id={`duplicate-name-${workflow.id}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `duplicate-name-${workflow.id}-error` : undefined}
          className={FIELD}
        />
        <FieldError id={`duplicate-name-${workflow.id}-error`} message={nameError} />
      </div>
      <TeamField id={`duplicate-team-${workflow.id}`} teams={teams} value={teamId} onChange={setTeamId} />
      {teamId !== workflow.teamId ? (
        <p className="text-sm text-slate-500">
          In another team, credentials and knowledge bases are matched by name; any the team lacks are left for you to
          choose in the editor.
        </p>
      ) : null}
      {error && !nameError ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" onClick={onCancel} className={BUTTON.secondary}>
          Cancel
        </button>
        <button type="submit" disabled={isPending} className={BUTTON.primary}>
          {isPending ? "Duplicating…" : "Duplicate"}
        </button>
      </div>
    </form>
  );
}
