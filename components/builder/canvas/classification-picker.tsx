"use client";

import { useState } from "react";
import { ShieldHalf } from "lucide-react";
import { request, errorMessage } from "@/components/shell/api-client";
import type { TEditorWorkflow } from "@/server/workflows/editor.shared";

type TDataClassification = TEditorWorkflow["dataClassification"];

const LABELS: Record<TDataClassification, string> = {
  public: "Public",
  internal: "Internal",
  confidential: "Confidential",
  restricted: "Restricted",
};
const ORDER: TDataClassification[] = ["public", "internal", "confidential", "restricted"];

type TProps = {
  workflowId: string;
  value: TDataClassification;
  /** workflow:write: may raise it. */
  canEdit: boolean;
  /** An admin of the team: may lower it too. */
  canLower: boolean;
  onChanged: (value: TDataClassification) => void;
};

/**
 * The workflow's data classification in the builder's toolbar. Policies' models rules may allow only some models for
 * a classification, so it is saved at once (not with the draft) and applies to the next runs; the server refuses a
 * lowering by someone who is not a team admin, and that sentence is shown here.
 */
export function ClassificationPicker({ workflowId, value, canEdit, canLower, onChanged }: TProps) {
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function change(next: TDataClassification) {
    setError(null);
    setIsSaving(true);
    try {
      const saved = await request<{ dataClassification: TDataClassification }>(`/api/workflows/${encodeURIComponent(workflowId)}/classification`, {
        method: "PUT",
        body: { dataClassification: next },
      });
      onChanged(saved.dataClassification);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  }

  const hint = canEdit
    ? `What data this workflow handles; policies may allow only some models for it.${canLower ? "" : " Lowering it needs an admin of the team."}`
    : "What data this workflow handles; policies may allow only some models for it.";
  return (
    <div className="relative flex items-center gap-1">
      <ShieldHalf aria-hidden="true" className="h-4 w-4 text-slate-400" />
      <span className="flex items-center gap-1 text-xs text-slate-500" title={hint}>
        <span aria-hidden="true" className="hidden lg:inline">
          Data
        </span>
        <select
          aria-label="Data classification"
          value={value}
          disabled={!canEdit || isSaving}
          onChange={(e) => void change(e.target.value as TDataClassification)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `classification-error-${workflowId}` : undefined}
          className="rounded-md border border-slate-200 bg-white py-1 pl-2 pr-7 text-xs font-medium text-slate-700 outline-none hover:border-slate-300 focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-70"
        >
          {ORDER.map((c) => (
            <option key={c} value={c}>
              {LABELS[c]}
            </option>
          ))}
        </select>
      </span>
      {error ? (
        <p
          id={`classification-error-${workflowId}`}
          role="alert"
          className="absolute right-0 top-full z-20 mt-2 w-72 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800 shadow-lg"
        >
          {error}
          <button type="button" onClick={() => setError(null)} className="ml-2 font-medium underline">
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
}
