"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Braces, ListChecks, Rocket, Save, Undo2 } from "lucide-react";
import clsx from "clsx";
import { ApiRequestError } from "@/components/shell/api-client";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import type { TDocumentProblem } from "@/server/policies/policy-editor.shared";
import type { TPolicyDetail } from "@/server/policies/policy-detail.shared";
import { discardDraft, saveDraft } from "../policy-api";
import { JsonView } from "./json-view";
import { PublishDialog } from "./publish-dialog";
import { RulesForm } from "./rules-form";

type TProps = {
  policy: TPolicyDetail;
  document: unknown;
  onDocumentChange: (next: unknown) => void;
  isDirty: boolean;
  /** The document's problems, found in the browser as the person types. */
  problems: TDocumentProblem[];
  onSaved: (next: TPolicyDetail) => void;
};

type TRefusal = { message: string; problems: TDocumentProblem[] };

function refusalOf(error: Error): TRefusal {
  const problems = error instanceof ApiRequestError && Array.isArray(error.details.problems) ? (error.details.problems as TDocumentProblem[]) : [];
  // The message lists the problems line by line; they are listed below it already.
  return { message: problems.length > 0 ? error.message.split("\n")[0]! : error.message, problems };
}

export function RulesTab({ policy, document, onDocumentChange, isDirty, problems, onSaved }: TProps) {
  const [mode, setMode] = useState<"form" | "json">("form");
  const [syntax, setSyntax] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isPublishing, setIsPublishing] = useState(false);
  const [isDiscarding, setIsDiscarding] = useState(false);
  const save = useMutation({
    mutationFn: () => saveDraft(policy.id, document),
    onSuccess: (next) => {
      onSaved(next);
      setNotice(next.draft ? "Draft saved." : "The rules are the same as the current version, so no draft is kept.");
    },
  });
  const discard = useMutation({
    mutationFn: () => discardDraft(policy.id),
    onSuccess: (next) => {
      setIsDiscarding(false);
      onSaved(next);
      setNotice("Draft discarded.");
    },
  });
  const refusal = save.error ? refusalOf(save.error) : null;
  const change = (next: unknown) => {
    onDocumentChange(next);
    setNotice(null);
    if (save.error) save.reset();
  };
  const isReadOnly = !policy.canWrite;
  const status = syntax
    ? "The JSON does not parse; the draft keeps its last valid JSON until it does."
    : isDirty
      ? problems.length > 0
        ? `Unsaved changes with ${problems.length === 1 ? "1 problem" : `${problems.length} problems`}.`
        : "Unsaved changes."
      : (notice ?? (policy.draft ? null : policy.currentVersion ? `No draft: these are the rules of v${policy.currentVersion.number}.` : "No rules yet."));

  return (
    <div className="space-y-4">
      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50/95 px-1 py-2 backdrop-blur">
        <div role="group" aria-label="Edit as" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
          {(["form", "json"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              disabled={m === "form" && syntax !== null}
              title={m === "form" && syntax ? "Fix the JSON first: the form can only show a document that parses." : undefined}
              onClick={() => setMode(m)}
              className={clsx(
                "inline-flex items-center gap-1 rounded px-2.5 py-1 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50",
                mode === m ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {m === "form" ? <ListChecks aria-hidden="true" className="h-4 w-4" /> : <Braces aria-hidden="true" className="h-4 w-4" />}
              {m === "form" ? "Form" : "JSON"}
            </button>
          ))}
        </div>
        <p role="status" className={clsx("min-w-0 flex-1 text-sm", syntax || (isDirty && problems.length > 0) ? "text-red-700" : "text-slate-600")}>
          {status}
          {!isDirty && !syntax && !notice && policy.draft ? (
            <>
              Draft saved <DateTime value={policy.draft.updatedAt} />
              {policy.draft.updatedByName ? ` by ${policy.draft.updatedByName}` : ""}, not published yet.
            </>
          ) : null}
        </p>
        {isReadOnly ? null : (
          <div className="flex flex-wrap gap-2">
            {policy.draft ? (
              <button type="button" className={BUTTON.secondary} onClick={() => (discard.reset(), setIsDiscarding(true))}>
                <Undo2 aria-hidden="true" className="h-4 w-4" /> Discard draft
              </button>
            ) : null}
            <button type="button" className={BUTTON.secondary} disabled={!isDirty || syntax !== null || save.isPending} onClick={() => save.mutate()}>
              <Save aria-hidden="true" className="h-4 w-4" /> {save.isPending ? "Saving…" : "Save draft"}
            </button>
            <button
              type="button"
              className={BUTTON.primary}
              disabled={!policy.draft || isDirty}
              title={isDirty ? "Save the draft first: publishing publishes the saved draft." : policy.draft ? undefined : "Save a draft to publish it."}
              onClick={() => setIsPublishing(true)}
            >
              <Rocket aria-hidden="true" className="h-4 w-4" /> Publish…
            </button>
          </div>
        )}
      </div>

      {refusal ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{refusal.message}</p>
          {refusal.problems.length > 0 ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {refusal.problems.map((p) => (
                <li key={`${p.path}-${p.message}`}>
                  <code className="font-mono text-xs">{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-1 text-xs">Nothing was saved; your changes are still here.</p>
        </div>
      ) : null}
      {!refusal && problems.length > 0 ? (
        <section aria-label="Problems" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{problems.length === 1 ? "1 problem" : `${problems.length} problems`} to fix before this draft can be saved:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {problems.map((p) => (
              <li key={`${p.path}-${p.message}`}>
                <code className="font-mono text-xs">{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {mode === "form" ? (
        <RulesForm document={document} onChange={change} />
      ) : (
        <JsonView document={document} onChange={change} onSyntaxError={setSyntax} />
      )}

      <PublishDialog policy={policy} isOpen={isPublishing} onClose={() => setIsPublishing(false)} onPublished={onSaved} />
      <ModalDialog
        isOpen={isDiscarding}
        onClose={() => setIsDiscarding(false)}
        title="Discard the draft?"
        description={
          policy.currentVersion
            ? `The saved draft is deleted and the editor shows the rules of v${policy.currentVersion.number} again.`
            : "The saved draft is deleted; the policy has no rules until a new draft is saved and published."
        }
        hasCloseButton={false}
      >
        {discard.error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {discard.error.message}
          </p>
        ) : null}
        <ModalActions onCancel={() => setIsDiscarding(false)} onConfirm={() => discard.mutate()} confirmLabel="Discard draft" pendingLabel="Discarding…" isPending={discard.isPending} tone="danger" />
      </ModalDialog>
    </div>
  );
}
