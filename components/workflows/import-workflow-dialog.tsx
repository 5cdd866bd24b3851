"use client";

import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Upload } from "lucide-react";
import { problemsOf } from "@/components/builder/panels/read-problems";
import { parseJsonText } from "@/components/parse-json-text";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { ImportProblems, nodesOf } from "./import-problems";
import { useCreateWorkflow } from "./use-create-workflow";
import { importWorkflow } from "./workflow-api";
import { NameField, TeamField, type TTeamOption } from "./workflow-fields";

// Matches the API's body limit (1 MB) with room for the envelope around the document.
const MAX_FILE_BYTES = 900_000;

export function ImportWorkflowButton({ teams }: { teams: TTeamOption[] }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setIsOpen(true)} className={BUTTON.secondary}>
        <Upload aria-hidden="true" className="h-4 w-4" />
        Import
      </button>
      <ModalDialog
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        title="Import a workflow"
        description="From a file exported by Baton (Export JSON in a workflow's actions). It is created as a draft."
        size="3xl"
      >
        <ImportForm teams={teams} onCancel={() => setIsOpen(false)} />
      </ModalDialog>
    </>
  );
}

function ImportForm({ teams, onCancel }: { teams: TTeamOption[]; onCancel: () => void }) {
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  // The document sent last: a refusal's problems name its nodes.
  const [sent, setSent] = useState<unknown>(null);
  const { error: refusal, setError: setRefusal, isPending, create } = useCreateWorkflow("The import failed.");
  const problemsRef = useRef<HTMLDivElement>(null);

  // The problems appear below the fields: bring them into view.
  useEffect(() => {
    if (refusal) problemsRef.current?.scrollIntoView({ block: "nearest" });
  }, [refusal]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setRefusal(null);
    setInputError(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setInputError(`${file.name} is larger than 900 KB; a workflow export is much smaller. Is it the right file?`);
      return;
    }
    setFileName(file.name);
    setText(await file.text());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefusal(null);
    if (text.trim() === "") {
      setInputError("Choose an exported workflow file, or paste its JSON.");
      return;
    }
    const parsed = parseJsonText(text);
    if (!parsed.isValid) {
      setInputError(parsed.message);
      return;
    }
    const document = parsed.value;
    setInputError(null);
    setSent(document);
    void create(() => importWorkflow({ teamId, name: name.trim() || undefined, document }));
  }

  const nameError = refusal?.issueFor("name");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TeamField id="import-team" teams={teams} value={teamId} onChange={setTeamId} />
        <NameField
          id="import-name"
          label={
            <>
              Name <span className="font-normal text-slate-500">(optional)</span>
            </>
          }
          value={name}
          onChange={setName}
          error={nameError}
          placeholder="The name in the file"
        />
      </div>
      <div>
        <label htmlFor="import-file" className={LABEL}>
          Workflow file
        </label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={onFile}
          className="mt-1 block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-50"
        />
        {fileName ? <p className="mt-1 text-xs text-slate-500">Loaded {fileName}; its JSON is shown below.</p> : null}
      </div>
      <div>
        <label htmlFor="import-json" className={LABEL}>
          Or paste the JSON
        </label>
        <textarea
          id="import-json"
          rows={5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFileName(null);
          }}
          spellCheck={false}
          aria-invalid={inputError ? true : undefined}
          aria-describedby={inputError ? "import-json-error" : undefined}
          placeholder='{ "format": "baton.workflow", "formatVersion": 1, … }'
          className={`${FIELD} font-mono text-xs`}
        />
        {inputError ? (
          <p id="import-json-error" role="alert" className="mt-1 text-sm text-red-700">
            {inputError}
          </p>
        ) : null}
      </div>
      {refusal && !nameError ? (
        <div ref={problemsRef}>
          <ImportProblems message={refusal.message} problems={problemsOf(refusal)} issues={refusal.issues} nodes={nodesOf(sent)} />
        </div>
      ) : null}
      <ModalActions onCancel={onCancel} confirmLabel="Import workflow" pendingLabel="Importing…" isPending={isPending} />
    </form>
  );
}
