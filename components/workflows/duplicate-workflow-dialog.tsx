"use client";

import { useState, type FormEvent } from "react";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { useCreateWorkflow } from "./use-create-workflow";
import { duplicateWorkflow } from "./workflow-api";
import { FormError, NameField, TeamField, type TTeamOption } from "./workflow-fields";

type TProps = {
  workflow: { id: string; name: string; teamId: string };
  teams: TTeamOption[];
  isOpen: boolean;
  onClose: () => void;
};

export function DuplicateWorkflowDialog({ workflow, teams, isOpen, onClose }: TProps) {
  return (
    <ModalDialog
      isOpen={isOpen}
      onClose={onClose}
      title={`Duplicate “${workflow.name}”`}
      description="A new draft with a copy of its draft graph, description and tags. Versions and runs are not copied."
    >
      <DuplicateForm workflow={workflow} teams={teams} onCancel={onClose} />
    </ModalDialog>
  );
}

function DuplicateForm({ workflow, teams, onCancel }: Omit<TProps, "isOpen" | "onClose"> & { onCancel: () => void }) {
  const [name, setName] = useState(`Copy of ${workflow.name}`.slice(0, 120));
  const [teamId, setTeamId] = useState(teams.some((t) => t.id === workflow.teamId) ? workflow.teamId : (teams[0]?.id ?? ""));
  const { error, isPending, create } = useCreateWorkflow("The workflow could not be duplicated.");
  const nameError = error?.issueFor("name");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // An empty name lets the server pick a free "Copy of …" name.
    void create(() => duplicateWorkflow(workflow.id, { name: name.trim() || undefined, teamId }));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <NameField id={`duplicate-name-${workflow.id}`} label="Name of the copy" value={name} onChange={setName} error={nameError} />
      <TeamField id={`duplicate-team-${workflow.id}`} teams={teams} value={teamId} onChange={setTeamId} />
      {teamId !== workflow.teamId ? (
        <p className="text-sm text-slate-500">
          In another team, credentials and knowledge bases are matched by name; any the team lacks are left for you to
          choose in the editor.
        </p>
      ) : null}
      <FormError message={nameError ? null : error?.message} />
      <ModalActions onCancel={onCancel} confirmLabel="Duplicate" pendingLabel="Duplicating…" isPending={isPending} />
    </form>
  );
}
