"use client";
// Test runs from the canvas and publishing: the dialogs, the live run followed over server-sent events, and what the
// canvas paints from it (node status, latency, cost) and the panels read (step data, expression previews).
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { isTerminalRunStatus } from "@/server/runs/run-detail.shared";
import type { TEditorData, TEditorWorkflow } from "@/server/workflows/editor.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import dynamic from "next/dynamic";
import { nodeNamesOf } from "../panels/group-problems";
import { sampleFromScope } from "../panels/sample-input";
import { useTestRun } from "../panels/use-test-run";
import { formatDuration, formatMoney, formatNumber } from "@/components/format";
import { RUN_STATUS_LABELS } from "@/components/shell/status-badge";
import { findDefinition } from "@/server/nodes/registry.shared";
import { buildDecorations, scopeOfRun } from "./run-decorations";

// The dialogs load on first use (see workflow-editor.tsx); they are mounted only while open.
const loadPublish = () => import("../panels/publish-dialog").then((m) => m.PublishDialog);
const loadTestRun = () => import("../panels/test-run-dialog").then((m) => m.TestRunDialog);
export const loadRunDialogs = () => Promise.all([loadPublish(), loadTestRun()]);
const PublishDialog = dynamic(loadPublish, { ssr: false });
const TestRunDialog = dynamic(loadTestRun, { ssr: false });

/**
 * The canvas's test runs. `save` saves the draft now and resolves with the saved revision: a test run and a re-run
 * act on the saved draft, so both save first.
 */
export function useEditorRun(
  workflowId: string,
  revision: number,
  lastRun: Pick<NonNullable<TEditorData["lastRun"]>, "scope" | "isGenerated"> | null,
  save: () => Promise<number>,
) {
  const lastScope = lastRun?.scope ?? null;
  const test = useTestRun(workflowId, revision);
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const [isPublishOpen, setIsPublishOpen] = useState(false);
  const [isSavingForRerun, setIsSavingForRerun] = useState(false);
  const { run, stepsByNode, start, rerunFrom } = test;
  const isTestScope = run !== null && isTerminalRunStatus(run.status);
  const scope = useMemo(() => (run && isTerminalRunStatus(run.status) ? scopeOfRun(run) : lastScope), [run, lastScope]);
  /** The previews and the suggested input come from a generated demo run (until a test run finishes). */
  const isScopeGenerated = !isTestScope && lastRun?.isGenerated === true;
  const decorate = useCallback(
    (graph: TWorkflowGraph, problems: readonly TGraphProblem[]) => buildDecorations(graph, problems, run, stepsByNode),
    [run, stepsByNode],
  );
  const startSaved = useCallback(async (input: unknown) => start(input, await save()), [start, save]);
  /** Saves, then re-runs from the node; a refusal shows as `error` (the step inspector says why). */
  const rerunSaved = useCallback(
    async (nodeId: string) => {
      setIsSavingForRerun(true);
      try {
        await rerunFrom(nodeId, await save());
      } catch {
        // Kept in the hook's error.
      } finally {
        setIsSavingForRerun(false);
      }
    },
    [rerunFrom, save],
  );
  return {
    ...test,
    isRerunning: test.isRerunning || isSavingForRerun,
    startSaved,
    rerunSaved,
    scope,
    isScopeGenerated,
    decorate,
    isDialogOpen,
    openDialog: useCallback(() => setIsDialogOpen(true), []),
    closeDialog: useCallback(() => setIsDialogOpen(false), []),
    isPublishOpen,
    openPublish: useCallback(() => setIsPublishOpen(true), []),
    closePublish: useCallback(() => setIsPublishOpen(false), []),
  };
}

export type TEditorRun = ReturnType<typeof useEditorRun>;

type TProps = {
  run: TEditorRun;
  workflow: TEditorWorkflow;
  graph: TWorkflowGraph;
  onPublished: (versionNumber: number) => void;
};

export function EditorRunLayer({ run, workflow, graph, onPublished }: TProps) {
  const trigger = graph.nodes.find((n) => findDefinition(n.type)?.category === "trigger");
  const current = run.run;
  const sample = run.isDialogOpen ? sampleFromScope(run.scope) : null;
  const nodeNames = useMemo(() => nodeNamesOf(graph), [graph]);
  return (
    <>
      {current ? (
        <div
          data-testid="test-run-bar"
          className="flex h-9 shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-4 text-sm"
        >
          <span className="font-medium text-slate-700">Test run</span>
          <span data-testid="test-run-status">{RUN_STATUS_LABELS[current.status]}</span>
          {current.durationMs !== null ? (
            <span className="text-slate-500">{formatDuration(current.durationMs)}</span>
          ) : null}
          <span className="text-slate-500">{formatMoney(current.costUsd)}</span>
          <span className="text-slate-500">{formatNumber(current.tokensIn + current.tokensOut)} tokens</span>
          {current.error ? (
            <span className="truncate text-red-700" title={current.error}>
              {current.error}
            </span>
          ) : null}
          <Link href={`/runs/${current.id}`} className="ml-auto text-brand-700 underline-offset-2 hover:underline">
            Open run details
          </Link>
        </div>
      ) : null}
      {run.isDialogOpen ? (
        <TestRunDialog
          isOpen
          workflowId={workflow.id}
          defaultInput={sample ?? {}}
          defaultSource={
            sample === null ? null : run.isScopeGenerated ? "the last run's input (a generated demo run)" : "the last run's input"
          }
          triggerType={trigger?.type ?? null}
          onClose={run.closeDialog}
          onStart={async (input: unknown) => {
            await run.startSaved(input);
            run.closeDialog();
          }}
          nodeNames={nodeNames}
        />
      ) : null}
      {run.isPublishOpen ? (
        <PublishDialog
          workflowId={workflow.id}
          revision={workflow.draftRevision}
          graph={graph}
          isOpen
          onClose={run.closePublish}
          onPublished={(v) => {
            run.closePublish();
            onPublished(v.number);
          }}
        />
      ) : null}
    </>
  );
}
