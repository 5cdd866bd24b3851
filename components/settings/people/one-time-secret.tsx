"use client";

import { useState } from "react";
import { Check, Copy, KeyRound } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { DateTime } from "@/components/shell/date-time";
import type { TOneTimeSecret } from "@/server/users/user-input.shared";

/**
 * A one-time password or sign-in link, shown once: Baton keeps only its hash and sends no email, so the admin copies
 * it and hands it over themself. Closing the dialog that holds it forgets it.
 */
export function OneTimeSecret({ secret, email }: { secret: TOneTimeSecret; email: string }) {
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const value = secret.kind === "one_time_password" ? secret.password : secret.url;
  const label = secret.kind === "one_time_password" ? "One-time password" : "One-time sign-in link";

  function copy() {
    void navigator.clipboard?.writeText(value).then(
      () => setCopyState("copied"),
      () => setCopyState("failed"),
    );
  }

  return (
    <div className="space-y-3">
      <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <p className="flex items-center gap-1.5 font-medium">
          <KeyRound aria-hidden="true" className="h-4 w-4" />
          Shown once
        </p>
        <p className="mt-1">
          Copy it now and give it to {email} yourself: Baton stores only a hash of it and sends no email. If it is lost,
          issue a new one.
        </p>
      </div>
      <div>
        <p className="text-sm font-medium text-slate-700" id="one-time-secret-label">
          {label}
        </p>
        <div className="mt-1 flex items-stretch gap-2">
          <output aria-labelledby="one-time-secret-label" data-testid="one-time-secret" className="min-w-0 flex-1 break-all rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900">
            {value}
          </output>
          <button type="button" className={BUTTON.secondary} onClick={copy}>
            {copyState === "copied" ? <Check aria-hidden="true" className="h-4 w-4" /> : <Copy aria-hidden="true" className="h-4 w-4" />}
            {copyState === "copied" ? "Copied" : "Copy"}
          </button>
        </div>
        {copyState === "failed" ? <p className="mt-1 text-xs text-red-700">The browser did not allow copying: select the text and copy it.</p> : null}
      </div>
      <p className="text-sm text-slate-600">
        {secret.kind === "one_time_password" ? (
          "At their first sign-in with it they must choose their own password before anything else."
        ) : (
          <>
            It signs them in once, until <DateTime value={secret.expiresAt} />; then they choose their own password.
          </>
        )}
      </p>
    </div>
  );
}
