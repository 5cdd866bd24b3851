"use client";

import { RefreshCw } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { Alert } from "./panel-ui";

type TReloadProps = {
  /** Reloads the editor's draft; a full page reload when the editor gives no handler. */
  onReload?: () => void;
};

type TProps = TReloadProps & {
  /** What could not be done, e.g. "Nothing was published." */
  consequence: string;
};

/** 409: someone saved the draft after this page loaded it, so acting now would act on a graph nobody reviewed. */
export function StaleDraftAlert({ consequence, onReload }: TProps) {
  return (
    <Alert tone="amber" title="The draft changed since you opened it">
      <p>
        Someone (or another tab) saved this workflow after this page loaded it. {consequence} Reload to get the latest
        draft, check it, then try again.
      </p>
      <ReloadDraftButton onReload={onReload} />
    </Alert>
  );
}

export function ReloadDraftButton({ onReload }: TReloadProps) {
  return (
    <button type="button" className={`${BUTTON.small} mt-2`} onClick={() => (onReload ? onReload() : window.location.reload())}>
      <RefreshCw aria-hidden="true" className="h-3.5 w-3.5" />
      Reload the draft
    </button>
  );
}
