"use client";

import Link from "next/link";
import { ArrowLeft, History, Keyboard, LayoutGrid, Maximize, Play, Redo2, Rocket, Undo2 } from "lucide-react";
import type { ReactNode } from "react";
import { WorkflowStatusBadge } from "@/components/shell/status-badge";
import type { TEditorWorkflow } from "@/server/workflows/editor.shared";
import { ClassificationPicker } from "./classification-picker";
import type { TSaveState } from "./use-autosave";

type TProps = {
  workflow: TEditorWorkflow;
  name: string;
  onNameChange: (name: string) => void;
  saveState: TSaveState;
  isReadOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canPublish: boolean;
  canRun: boolean;
  /** workflow:write (raise the data classification) and team admin (lower it). */
  canClassify: boolean;
  canLowerClassification: boolean;
  onClassified: (value: TEditorWorkflow["dataClassification"]) => void;
  problemCount: number;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onHelp: () => void;
  onVersions: () => void;
  onTestRun: () => void;
  onPublish: () => void;
};

function saveLabel(state: TSaveState, isReadOnly: boolean): { text: string; tone: string } {
  if (isReadOnly) return { text: "Read only", tone: "text-slate-500" };
  switch (state.kind) {
    case "saved":
      return { text: state.at ? "All changes saved" : "Up to date", tone: "text-slate-500" };
    case "pending":
      return { text: "Unsaved changes", tone: "text-slate-500" };
    case "saving":
      return { text: "Saving…", tone: "text-slate-500" };
    case "error":
      return { text: state.message, tone: "text-red-600" };
    case "conflict":
      return { text: "Not saved: newer version on the server", tone: "text-red-600" };
  }
}

function ToolButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className="rounded-md p-1.5 text-slate-600 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-40"
    >
      {children}
    </button>
  );
}

export function BuilderToolbar(props: TProps) {
  const { workflow, saveState, isReadOnly } = props;
  const save = saveLabel(saveState, isReadOnly);
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3">
      <Link href="/workflows" className="flex items-center gap-1 rounded-md px-1.5 py-1 text-sm text-slate-600 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        <span className="hidden xl:inline">Workflows</span>
      </Link>
      <label className="min-w-0">
        <span className="sr-only">Workflow name</span>
        <input
          value={props.name}
          onChange={(e) => props.onNameChange(e.target.value)}
          readOnly={isReadOnly}
          maxLength={120}
          className="w-56 rounded-md border border-transparent px-2 py-1 text-sm font-semibold text-slate-900 outline-none hover:border-slate-200 focus-visible:border-brand-500 focus-visible:ring-2 focus-visible:ring-brand-500/30"
        />
      </label>
      <WorkflowStatusBadge status={workflow.status} />
      <span className="text-xs text-slate-500">{workflow.publishedVersion ? `v${workflow.publishedVersion} live` : "never published"}</span>
      <span role="status" aria-live="polite" data-testid="save-state" className={`ml-2 max-w-64 truncate text-xs ${save.tone}`} title={save.text}>
        {save.text}
      </span>
      <div className="ml-auto flex items-center gap-0.5">
        <ClassificationPicker
          workflowId={workflow.id}
          value={workflow.dataClassification}
          canEdit={props.canClassify}
          canLower={props.canLowerClassification}
          onChanged={props.onClassified}
        />
        <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
        <ToolButton label="Undo (Ctrl+Z)" onClick={props.onUndo} disabled={isReadOnly || !props.canUndo}>
          <Undo2 aria-hidden="true" className="h-4 w-4" />
        </ToolButton>
        <ToolButton label="Redo (Ctrl+Shift+Z)" onClick={props.onRedo} disabled={isReadOnly || !props.canRedo}>
          <Redo2 aria-hidden="true" className="h-4 w-4" />
        </ToolButton>
        <ToolButton label="Tidy up layout (Shift+L)" onClick={props.onLayout} disabled={isReadOnly}>
          <LayoutGrid aria-hidden="true" className="h-4 w-4" />
        </ToolButton>
        <ToolButton label="Zoom to fit (Shift+1)" onClick={props.onFit}>
          <Maximize aria-hidden="true" className="h-4 w-4" />
        </ToolButton>
        <ToolButton label="Keyboard shortcuts (?)" onClick={props.onHelp}>
          <Keyboard aria-hidden="true" className="h-4 w-4" />
        </ToolButton>
        <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
        <button type="button" onClick={props.onVersions} className="flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-700 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500">
          <History aria-hidden="true" className="h-4 w-4" /> Versions
        </button>
        {props.canRun ? (
          <button type="button" onClick={props.onTestRun} disabled={isReadOnly} className="flex items-center gap-1 rounded-md border border-slate-200 px-2.5 py-1.5 text-sm font-medium text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-50">
            <Play aria-hidden="true" className="h-4 w-4" /> Test run
          </button>
        ) : null}
        {props.canPublish ? (
          <button
            type="button"
            onClick={props.onPublish}
            disabled={isReadOnly}
            title={props.problemCount > 0 ? `${props.problemCount} problems to fix before publishing` : undefined}
            className="flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white outline-none hover:bg-brand-700 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 disabled:opacity-50"
          >
            <Rocket aria-hidden="true" className="h-4 w-4" /> Publish
          </button>
        ) : null}
      </div>
    </header>
  );
}
