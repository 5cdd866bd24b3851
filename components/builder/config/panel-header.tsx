"use client";

import { useState } from "react";
import { Check, Copy, X } from "lucide-react";
import type { TNodeDefinition } from "@/server/nodes/types";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import { inlineProblemMessage } from "@/server/workflows/config-values.shared";
import { NodeIcon } from "@/components/run-detail/node-icon";
import { useDraft } from "./use-draft";
import { ICON_BUTTON, INPUT, LABEL } from "./styles";

type TProps = {
  idPrefix: string;
  nodeId: string;
  nodeType: string;
  label: string | undefined;
  definition: TNodeDefinition | undefined;
  labelProblems: TGraphProblem[];
  isReadOnly: boolean;
  onLabelChange: (label: string) => void;
  onClose: () => void;
};

const identity = (text: string) => text;
const same = (draft: string, value: string) => draft === value;

/** Icon, type, the node's id (as expressions name it, copyable), its editable label and what the node does. */
export function PanelHeader({
  idPrefix,
  nodeId,
  nodeType,
  label,
  definition,
  labelProblems,
  isReadOnly,
  onLabelChange,
  onClose,
}: TProps) {
  const [draft, setDraft] = useDraft(label ?? "", identity, same);
  const [isCopied, setIsCopied] = useState(false);
  const titleId = `${idPrefix}-title`;
  const labelId = `${idPrefix}-label`;
  const labelErrorId = `${idPrefix}-label-error`;
  const copy = () => {
    void navigator.clipboard?.writeText(nodeId).then(() => {
      setIsCopied(true);
      setTimeout(() => setIsCopied(false), 1500);
    });
  };
  return (
    <header className="space-y-3 border-b border-slate-200 px-4 pt-4 pb-3">
      <div className="flex items-start gap-3">
        <NodeIcon type={nodeType} />
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="truncate text-sm font-semibold text-slate-900">
            {definition?.label ?? nodeType}
          </h2>
          <div className="mt-0.5 flex min-w-0 items-center gap-1 text-xs text-slate-500">
            <span className="shrink-0">Id</span>
            <code
              className="truncate rounded bg-slate-100 px-1 py-px font-mono text-[11px] text-slate-700"
              title={`nodes.${nodeId}.output in expressions`}
            >
              {nodeId}
            </code>
            <button
              type="button"
              onClick={copy}
              className={`${ICON_BUTTON} h-6 w-6`}
              aria-label={`Copy node id ${nodeId}`}
            >
              {isCopied ? (
                <Check aria-hidden="true" className="h-3.5 w-3.5 text-emerald-600" />
              ) : (
                <Copy aria-hidden="true" className="h-3.5 w-3.5" />
              )}
            </button>
            <span className="sr-only" aria-live="polite">
              {isCopied ? "Copied" : ""}
            </span>
          </div>
        </div>
        <button type="button" onClick={onClose} className={ICON_BUTTON} aria-label="Close node settings">
          <X aria-hidden="true" className="h-4 w-4" />
        </button>
      </div>
      <div className="space-y-1">
        <label htmlFor={labelId} className={LABEL}>
          Name on the canvas
        </label>
        <input
          id={labelId}
          name="label"
          type="text"
          value={draft}
          maxLength={120}
          placeholder={definition?.label ?? nodeId}
          readOnly={isReadOnly}
          aria-invalid={labelProblems.length > 0 || undefined}
          aria-describedby={labelProblems.length > 0 ? labelErrorId : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            onLabelChange(e.target.value);
          }}
          className={INPUT}
        />
        {labelProblems.length > 0 ? (
          <p id={labelErrorId} className="text-xs text-red-700">
            {labelProblems.map(inlineProblemMessage).join(" ")}
          </p>
        ) : null}
      </div>
      {definition ? <p className="text-xs leading-snug text-slate-500">{definition.description}</p> : null}
    </header>
  );
}
