"use client";

import { useMutation } from "@tanstack/react-query";
import { EyeOff, Eye } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { ROLE_LABELS } from "@/server/auth/permissions";
import type { TRevealedRun, TRunDetail } from "@/server/runs/run-detail.shared";
import { postReveal } from "./run-queries";

function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Shown when a policy covering the run masks personal data at rest: what is masked, by which policies, who may reveal
 * it, and for those who may, the Reveal button (each reveal is an audit event, pii.reveal).
 */
export function PiiMaskingBanner({
  run,
  revealed,
  onRevealed,
}: {
  run: TRunDetail;
  revealed: TRevealedRun | null;
  onRevealed: (revealed: TRevealedRun | null) => void;
}) {
  const reveal = useMutation({ mutationFn: () => postReveal(run.id), onSuccess: onRevealed });
  const masking = run.piiMasking;
  if (!masking) return null;
  const policies = `${masking.policies.length === 1 ? "policy" : "policies"} ${listWords(masking.policies)}`;
  const who =
    masking.revealRoles.length > 0
      ? `${listWords(masking.revealRoles.map((r) => `${ROLE_LABELS[r].toLowerCase()}s`))} of ${run.teamName} (organisation admins count as admins)`
      : `only people holding a role each of these policies names (they name no role in common)`;
  return (
    <section
      aria-label="Personal data masked at rest"
      className="mb-6 flex gap-3 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-950"
    >
      {revealed ? <Eye aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" /> : <EyeOff aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />}
      <div className="min-w-0 flex-1">
        <h2 className="font-semibold">Personal data is masked at rest</h2>
        <p className="mt-1">
          By {policies}: this run stores placeholders such as [EMAIL_1] in its input, its steps&apos; outputs and errors, and
          its result. Who may reveal the values: {who}. Each reveal is recorded in the audit trail.
        </p>
        {revealed ? (
          <p role="status" className="mt-2 font-medium">
            Showing the revealed values (your reveal is in the audit trail). Steps that ran after it still show placeholders.
          </p>
        ) : null}
        {reveal.error ? (
          <p role="alert" className="mt-2 text-red-700">
            {reveal.error.message}
          </p>
        ) : null}
      </div>
      {masking.canReveal ? (
        <div className="shrink-0 self-start">
          {revealed ? (
            <button
              type="button"
              onClick={() => onRevealed(null)}
              className={BUTTON.secondary}
            >
              <EyeOff aria-hidden="true" className="h-4 w-4" />
              Hide values
            </button>
          ) : (
            <button
              type="button"
              disabled={reveal.isPending}
              onClick={() => reveal.mutate()}
              className={BUTTON.primary}
            >
              <Eye aria-hidden="true" className="h-4 w-4" />
              {reveal.isPending ? "Revealing…" : "Reveal PII"}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
