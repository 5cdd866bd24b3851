"use client";

import { useState, type FormEvent } from "react";
import { OctagonX } from "lucide-react";
import { FIELD } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { EMERGENCY_REASON_MAX, EMERGENCY_REASON_MIN } from "@/server/settings/engine-status.shared";

type TProps = {
  isOpen: boolean;
  isPending: boolean;
  /** The API's message (e.g. the reason is missing or the engine is already stopped). */
  error: string | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
};

export function StopDialog({ isOpen, isPending, error, onCancel, onConfirm }: TProps) {
  const [reason, setReason] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const shown = localError ?? error;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < EMERGENCY_REASON_MIN) {
      setLocalError(`Say why you are stopping the engine (at least ${EMERGENCY_REASON_MIN} characters).`);
      return;
    }
    setLocalError(null);
    onConfirm(trimmed);
  }

  return (
    <ModalDialog
      isOpen={isOpen}
      onClose={onCancel}
      title="Stop all runs?"
      hasCloseButton={false}
      icon={
        <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-red-100 text-red-600">
          <OctagonX aria-hidden="true" className="h-5 w-5" />
        </span>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>Every worker aborts its in-flight model and HTTP calls immediately.</li>
          <li>No step starts anywhere, in any team, until an organisation admin resumes the engine.</li>
          <li>
            Runs are not cancelled or failed: they hold their place and continue from the interrupted step on resume.
          </li>
        </ul>
        <label htmlFor="stop-reason" className="mt-4 block text-sm font-medium text-slate-700">
          Reason{" "}
          <span className="font-normal text-slate-500">
            (recorded in the audit trail and shown to other organisation admins)
          </span>
        </label>
        <textarea
          id="stop-reason"
          name="reason"
          rows={3}
          maxLength={EMERGENCY_REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? "stop-reason-error" : undefined}
          placeholder="e.g. Runaway costs on the support workflow"
          className={FIELD}
        />
        {shown ? (
          <p id="stop-reason-error" role="alert" className="mt-1 text-sm text-red-700">
            {shown}
          </p>
        ) : null}
        <ModalActions
          onCancel={onCancel}
          confirmLabel="Stop all runs"
          pendingLabel="Stopping…"
          isPending={isPending}
          tone="danger"
        />
      </form>
    </ModalDialog>
  );
}
