"use client";

import { useState, type FormEvent } from "react";
import { Plus } from "lucide-react";
import { ApiRequestError } from "@/components/shell/api-client";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import type { TWorkflowTemplateSummary } from "@/server/workflows/workflow-templates.shared";
import { BLANK, TemplateChoice } from "./template-choice";
import { useCreateWorkflow } from "./use-create-workflow";
import { createWorkflow } from "./workflow-api";
import { FormError, NameField, TeamField, type TTeamOption } from "./workflow-fields";

type TProps = { teams: TTeamOption[]; templates: TWorkflowTemplateSummary[] };

export function NewWorkflowButton({ teams, templates }: TProps) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setIsOpen(true)} className={BUTTON.primary}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        New workflow
      </button>
      <ModalDialog
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        title="New workflow"
        description="Start from a blank canvas or from one of the use-case templates. It is created as a draft."
        size="3xl"
      >
        <NewWorkflowForm teams={teams} templates={templates} onCancel={() => setIsOpen(false)} />
      </ModalDialog>
    </>
  );
}

function NewWorkflowForm({ teams, templates, onCancel }: TProps & { onCancel: () => void }) {
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [description, setDescription] = useState("");
  const [templateKey, setTemplateKey] = useState(BLANK);
  const { error, setError, isPending, create } = useCreateWorkflow("The workflow could not be created.");
  const nameError = error?.issueFor("name");

  function chooseTemplate(key: string) {
    // A name the person has not typed follows the template they pick.
    const previous = templates.find((t) => t.key === templateKey)?.name ?? "";
    if (name.trim() === "" || name === previous) setName(templates.find((t) => t.key === key)?.name ?? "");
    setTemplateKey(key);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === "") {
      setError(new ApiRequestError(400, "Give the workflow a name.", { issues: [{ path: "name", message: "Give the workflow a name" }] }));
      return;
    }
    void create(() =>
      createWorkflow({
        teamId,
        name: name.trim(),
        description: description.trim() || undefined,
        templateKey: templateKey === BLANK ? undefined : templateKey,
      }),
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <NameField id="new-workflow-name" label="Name" value={name} onChange={setName} error={nameError} />
        <TeamField id="new-workflow-team" teams={teams} value={teamId} onChange={setTeamId} error={error?.issueFor("teamId")} />
      </div>
      <div>
        <label htmlFor="new-workflow-description" className={LABEL}>
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id="new-workflow-description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder={templateKey === BLANK ? "What does it do, for whom?" : "Leave empty to use the template's"}
          className={FIELD}
        />
      </div>
      <TemplateChoice templates={templates} value={templateKey} onChange={chooseTemplate} />
      <FormError message={nameError ? null : error?.message} />
      <ModalActions onCancel={onCancel} confirmLabel="Create workflow" pendingLabel="Creating…" isPending={isPending} />
    </form>
  );
}
