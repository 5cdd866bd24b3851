"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import type { TWorkflowTemplateSummary } from "@/server/workflows/workflow-templates.shared";
import { BUTTON, FIELD, LABEL } from "./form-styles";
import { FieldError, TeamField, type TTeamOption } from "./team-field";
import { BLANK, TemplateChoice } from "./template-choice";
import { createWorkflow, editorPath, WorkflowApiError } from "./workflow-api";
import { WorkflowDialog } from "./workflow-dialog";

type TProps = { teams: TTeamOption[]; templates: TWorkflowTemplateSummary[] };

export function NewWorkflowButton({ teams, templates }: TProps) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setIsOpen(true)} className={BUTTON.primary}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        New workflow
      </button>
      <WorkflowDialog
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        title="New workflow"
        description="Start from a blank canvas or from one of the use-case templates. It is created as a draft."
        size="lg"
      >
        <NewWorkflowForm teams={teams} templates={templates} onCancel={() => setIsOpen(false)} />
      </WorkflowDialog>
    </>
  );
}

function NewWorkflowForm({ teams, templates, onCancel }: TProps & { onCancel: () => void }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [description, setDescription] = useState("");
  const [templateKey, setTemplateKey] = useState(BLANK);
  const [error, setError] = useState<WorkflowApiError | null>(null);
  const [isPending, setIsPending] = useState(false);
  const nameError = error?.issueFor("name");

  function chooseTemplate(key: string) {
    // A name the person has not typed follows the template they pick.
    const previous = templates.find((t) => t.key === templateKey)?.name ?? "";
    if (name.trim() === "" || name === previous) setName(templates.find((t) => t.key === key)?.name ?? "");
    setTemplateKey(key);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === "") {
      setError(new WorkflowApiError(400, "Give the workflow a name.", [{ path: "name", message: "Give the workflow a name" }]));
      return;
    }
    setIsPending(true);
    setError(null);
    try {
      const id = await createWorkflow({
        teamId,
        name: name.trim(),
        description: description.trim() || undefined,
        templateKey: templateKey === BLANK ? undefined : templateKey,
      });
      router.push(editorPath(id));
    } catch (e) {
      setError(e instanceof WorkflowApiError ? e : new WorkflowApiError(0, "The workflow could not be created."));
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="new-workflow-name" className={LABEL}>
            Name
          </label>
          <input
            id="new-workflow-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "new-workflow-name-error" : undefined}
            className={FIELD}
          />
          <FieldError id="new-workflow-name-error" message={nameError} />
        </div>
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
          {isPending ? "Creating…" : "Create workflow"}
        </button>
      </div>
    </form>
  );
}
