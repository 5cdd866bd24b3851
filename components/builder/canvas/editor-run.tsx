"use client";
// Test runs from the canvas and publishing: the dialogs, the live run followed over server-sent events, and what the
// canvas paints from it (node status, latency, cost) and the panels read (step data, expression previews).
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { isTerminalRunStatus } from "@/server/runs/run-detail.shared";
import type { TEditorWorkflow, TExpressionScope } from "@/server/workflows/editor.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { PublishDialog } from "../panels/publish-dialog";
import { TestRunDialog } from "../panels/test-run-dialog";
import { useTestRun } from "../panels/use-test-run";
import { definitionOf } from "../graph/node-ports";
import { buildDecorations, scopeOfRun } from "./run-decorations";

export function useEditorRun(workflowId: string, revision: number, lastScope: TExpressionScope | null) {
  const test = useTestRun(workflowId, revision);
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const [isPublishOpen, setIsPublishOpen] = useState(false);
  const { run, stepsByNode } = test;
  const scope = useMemo(
    () => (run && isTerminalRunStatus(run.status) ? scopeOfRun(run, stepsByNode) : lastScope),
    [run, stepsByNode, lastScope],
  );
  const decorate = useCallback(
    (graph: TWorkflowGraph, problems: readonly TGraphProblem[]) => buildDecorations(graph, problems, run, stepsByNode),
    [run, stepsByNode],
  );
  return {
    ...test,
    scope,
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
  /** Saves the draft now; resolves with the saved revision (a test run and a publish act on the saved draft). */
  saveNow: () => Promise<number>;
  onPublished: (versionNumber: number) => void;
};

export function EditorRunLayer({ run, workflow, graph, saveNow, onPublished }: TProps) {
  const trigger = graph.nodes.find((n) => definitionOf(n.type)?.category === "trigger");
  const nodeNames = useMemo(() => new Map(graph.nodes.filter((n) => n.label).map((n) => [n.id, n.label as string])), [graph.nodes]);
  const current = run.run;
  return (
    <>
      {current ? (
        <div data-testid="test-run-bar" className="flex h-9 shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-4 text-sm">
          <span className="font-medium text-slate-700">Test run</span>
          <span data-testid="test-run-status">{runStatusLabel(current.status)}</span>
          {current.durationMs !== null ? <span className="text-slate-500">{(current.durationMs / 1000).toFixed(1)} s</span> : null}
          <span className="text-slate-500">${Number(current.costUsd).toFixed(4)}</span>
          <span className="text-slate-500">
            {current.tokensIn + current.tokensOut} tokens
          </span>
          {current.error ? <span className="truncate text-red-700" title={current.error}>{current.error}</span> : null}
          <Link href={`/runs/${current.id}`} className="ml-auto text-brand-700 underline-offset-2 hover:underline">
            Open run details
          </Link>
        </div>
      ) : null}
      <TestRunDialog
        isOpen={run.isDialogOpen}
        workflowId={workflow.id}
        defaultInput={{}}
        triggerType={trigger?.type ?? null}
        onClose={run.closeDialog}
        onStart={async (input: unknown) => {
          const revision = await saveNow();
          await run.start(input, revision);
          run.closeDialog();
        }}
        nodeNames={nodeNames}
      />
      <PublishDialog
        workflowId={workflow.id}
        revision={workflow.draftRevision}
        graph={graph}
        isOpen={run.isPublishOpen}
        onClose={run.closePublish}
        onPublished={(v) => {
          run.closePublish();
          onPublished(v.number);
        }}
      />
    </>
  );
}

function runStatusLabel(status: string): string {
  return status.charAt(0) + status.slice(1).toLowerCase();
}
