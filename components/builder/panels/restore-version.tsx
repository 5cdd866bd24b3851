"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { History } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { ActionError } from "./action-error";
import { builderKeys, postRestore, type TRestored } from "./builder-api";
import { Alert } from "./panel-ui";

type TProps = {
  workflowId: string;
  versionNumber: number;
  draftRevision: number;
  onRestored: (result: TRestored) => void;
  onReload?: () => void;
};

/** "Restore this version into the draft", behind a confirm step: it replaces whatever the draft holds now. */
export function RestoreVersion({ workflowId, versionNumber, draftRevision, onRestored, onReload }: TProps) {
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const restore = useMutation({
    mutationFn: () => postRestore(workflowId, versionNumber, draftRevision),
    onSuccess: (result) => {
      setIsConfirming(false);
      void queryClient.invalidateQueries({ queryKey: builderKeys.workflow(workflowId) });
      onRestored(result);
    },
    // Asking again would fail the same way: close the confirmation and let the message say what to do.
    onError: () => setIsConfirming(false),
  });

  useEffect(() => {
    if (isConfirming) confirmRef.current?.focus();
  }, [isConfirming]);

  return (
    <div className="space-y-3">
      {restore.isSuccess ? (
        <Alert tone="green" title={`Version ${versionNumber} is now the draft`}>
          {restore.data.problems.length > 0
            ? `It has ${restore.data.problems.length === 1 ? "1 problem" : `${restore.data.problems.length} problems`} to fix before it can be published again (shown on the canvas).`
            : "Publish it when you are ready: until then runs keep using the published version."}
        </Alert>
      ) : null}
      {isConfirming ? (
        <div
          role="group"
          aria-label={`Confirm restoring version ${versionNumber}`}
          onKeyDown={(e) => {
            if (e.key === "Escape" && !restore.isPending) setIsConfirming(false);
          }}
          className="rounded-md border border-amber-200 bg-amber-50 p-3"
        >
          <p className="text-sm text-amber-900">
            Replace the draft with version {versionNumber}? Changes in the draft that were never published are lost.
            Published versions and running workflows are not affected.
          </p>
          <div className="mt-3 flex flex-wrap justify-end gap-2">
            <button
              type="button"
              className={BUTTON.secondary}
              disabled={restore.isPending}
              onClick={() => setIsConfirming(false)}
            >
              Keep the draft
            </button>
            <button
              ref={confirmRef}
              type="button"
              className={BUTTON.primary}
              disabled={restore.isPending}
              onClick={() => restore.mutate()}
            >
              {restore.isPending ? "Restoring…" : `Yes, restore version ${versionNumber}`}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className={BUTTON.secondary}
          onClick={() => {
            restore.reset();
            setIsConfirming(true);
          }}
        >
          <History aria-hidden="true" className="h-4 w-4" />
          Restore this version into the draft
        </button>
      )}
      <ActionError error={restore.error} title="Not restored" consequence="Nothing was restored." onReload={onReload} />
    </div>
  );
}
