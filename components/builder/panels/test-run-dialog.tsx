"use client";

import { useId, useState, type FormEvent } from "react";
import { Play } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { ActionError } from "./action-error";
import type { TNodeNames } from "./group-problems";
import { browserStorage, formatJsonInput, parseJsonInput, readSavedInput, saveInput } from "./parse-json-input";

export type TTestRunDialogProps = {
  /** Remembers the last input per workflow (localStorage). */
  workflowId: string;
  isOpen: boolean;
  /** The sample the editor suggests (e.g. the last run's input); used until the person starts one. */
  defaultInput: unknown;
  /** Where the suggested sample comes from ("the last run's input"), or null for an empty one. */
  defaultSource?: string | null;
  /** The trigger node's type ("trigger.webhook"…), for a hint about what the input stands for. */
  triggerType: string | null;
  onClose: () => void;
  /** Starts the run; a rejection (ApiRequestError) is shown in the dialog, with its problems for a 400. */
  onStart: (input: unknown) => Promise<void>;
  /** Node labels in graph order, for grouping refused problems. */
  nodeNames?: TNodeNames;
  onReload?: () => void;
};

const HINTS: Record<string, string> = {
  "trigger.manual": "The sample stands for what a person enters when starting a run by hand.",
  "trigger.webhook": "The sample stands for the JSON body a caller would POST to the webhook.",
  "trigger.schedule": "Scheduled runs start without a body; the sample lets you test with one anyway.",
  "trigger.event": "The sample stands for the payload of the event that starts the workflow.",
};

/** A test run of the saved draft with a sample input written as JSON; the last sample is remembered per workflow. */
export function TestRunDialog(props: TTestRunDialogProps) {
  const formId = useId();
  const [state, setState] = useState({ isValid: true, isPending: false });
  return (
    <ModalDialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title="Test run"
      description="Runs the saved draft once with your sample. Test runs are marked as tests and do not change the published version."
      size="xl"
      footer={
        <>
          <span className="mr-auto text-xs text-slate-500">Ctrl + Enter starts the run</span>
          <ModalActions
            isInFooter
            form={formId}
            onCancel={props.onClose}
            icon={<Play aria-hidden="true" className="h-4 w-4" />}
            confirmLabel="Start test run"
            pendingLabel="Starting…"
            isPending={state.isPending}
            isDisabled={!state.isValid}
          />
        </>
      }
    >
      <TestRunForm {...props} formId={formId} onStateChange={setState} />
    </ModalDialog>
  );
}

type TFormProps = TTestRunDialogProps & {
  formId: string;
  onStateChange: (state: { isValid: boolean; isPending: boolean }) => void;
};

function TestRunForm({
  workflowId,
  defaultInput,
  defaultSource = null,
  triggerType,
  onStart,
  onClose,
  nodeNames,
  onReload,
  formId,
  onStateChange,
}: TFormProps) {
  const inputId = useId();
  const [text, setText] = useState(() => readSavedInput(browserStorage(), workflowId) ?? formatJsonInput(defaultInput));
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = parseJsonInput(text);
  const sample = formatJsonInput(defaultInput);

  function update(next: string) {
    setText(next);
    setError(null);
    onStateChange({ isValid: parseJsonInput(next).isValid, isPending });
  }

  async function submit() {
    if (!parsed.isValid || isPending) return;
    saveInput(browserStorage(), workflowId, text);
    setIsPending(true);
    setError(null);
    onStateChange({ isValid: true, isPending: true });
    try {
      await onStart(parsed.value);
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsPending(false);
      onStateChange({ isValid: true, isPending: false });
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit();
  }

  const hint = triggerType ? HINTS[triggerType] : undefined;
  return (
    <form id={formId} onSubmit={onSubmit} className="space-y-3">
      <div>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <label htmlFor={inputId} className="block text-sm font-semibold text-slate-900">
            Sample input <span className="font-normal text-slate-500">(JSON, available as trigger.body)</span>
          </label>
          <span className="flex gap-1.5">
            {parsed.isValid ? (
              <button type="button" className={BUTTON.small} onClick={() => update(formatJsonInput(parsed.value))}>
                Format
              </button>
            ) : null}
            {text !== sample ? (
              <button type="button" className={BUTTON.small} onClick={() => update(sample)}>
                {defaultSource ? `Use ${defaultSource}` : "Reset to the sample"}
              </button>
            ) : null}
          </span>
        </div>
        {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
        {defaultSource && text === sample ? (
          <p className="mt-0.5 text-xs text-slate-500" data-testid="sample-source">
            Filled in with {defaultSource}.
          </p>
        ) : null}
        <textarea
          id={inputId}
          data-autofocus
          rows={12}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          value={text}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
          aria-invalid={parsed.isValid ? undefined : true}
          aria-describedby={parsed.isValid ? undefined : `${inputId}-error`}
          className="mt-1.5 w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed text-slate-900 shadow-sm focus:border-brand-500 focus:bg-white focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-red-400 aria-invalid:focus:ring-red-100"
        />
        {parsed.isValid ? null : (
          <p id={`${inputId}-error`} className="mt-1 text-sm text-red-700">
            {parsed.message}
          </p>
        )}
      </div>
      <ActionError
        error={error}
        title="The test run did not start"
        consequence="The test run did not start."
        nodeNames={nodeNames}
        onReload={onReload}
      />
    </form>
  );
}
