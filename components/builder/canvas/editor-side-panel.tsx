"use client";

import { useState } from "react";
import type { TEditorData, TEditorWorkflow } from "@/server/workflows/editor.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { NodeConfigPanel } from "../config/node-config-panel";
import { WebhookTriggerSection } from "../config/webhook-trigger-section";
import { StepInspector } from "../panels/step-inspector";
import { VersionHistoryPanel } from "../panels/version-history-panel";
import type { TEditorRun } from "./editor-run";
import type { TNodePatch } from "./use-builder";
import { findDefinition } from "@/server/nodes/registry.shared";

export type TSidePanel = { kind: "node"; nodeId: string } | { kind: "versions" } | null;

type TProps = {
  panel: TSidePanel;
  onClose: () => void;
  initial: TEditorData;
  workflow: TEditorWorkflow;
  graph: TWorkflowGraph;
  problems: TGraphProblem[];
  isReadOnly: boolean;
  run: TEditorRun;
  onNodePatch: (nodeId: string, patch: TNodePatch, coalesceKey: string) => void;
  onRestored: () => Promise<void>;
};

/** The right-hand panel: a node's configuration and its step in the test run, or the version history. */
export function EditorSidePanel(props: TProps) {
  const { panel } = props;
  if (!panel) return null;
  const frame = "flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white";
  // The version history labels its own landmark; the node panel is one landmark around a form or a step.
  return panel.kind === "versions" ? (
    <div className={frame}>
      <VersionHistoryPanel
        workflowId={props.workflow.id}
        draftRevision={props.workflow.draftRevision}
        canRestore={props.initial.canEdit}
        onRestored={() => void props.onRestored()}
        onClose={props.onClose}
        onReload={() => void props.onRestored()}
      />
    </div>
  ) : (
    <aside className={frame} aria-label="Node">
      <NodePanel key={panel.nodeId} nodeId={panel.nodeId} {...props} />
    </aside>
  );
}

function NodePanel({ nodeId, graph, problems, initial, workflow, isReadOnly, run, onNodePatch, onClose }: TProps & { nodeId: string }) {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const step = run.run ? run.stepsByNode.get(nodeId) ?? null : null;
  const [tab, setTab] = useState<"config" | "run">(step ? "run" : "config");
  if (!node) return null;
  const activeTab = step ? tab : "config";
  const isRerunnable = (run.run?.canRerun ?? false) && !isReadOnly;
  return (
    <>
      {step ? (
        <div role="tablist" aria-label="Node panel" className="flex shrink-0 border-b border-slate-200 px-2 pt-2 text-sm">
          {(["config", "run"] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={activeTab === t}
              onClick={() => setTab(t)}
              className={`-mb-px rounded-t-md border-b-2 px-3 py-1.5 font-medium outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
                activeTab === t ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-700"
              }`}
            >
              {t === "config" ? "Configure" : "Test run"}
            </button>
          ))}
        </div>
      ) : null}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {activeTab === "run" && step ? (
          <StepInspector
            step={step}
            nodeLabel={node.label || `${findDefinition(node.type)?.label ?? node.type} (${node.id})`}
            canRerun={isRerunnable}
            onRerunFrom={(id) => void run.rerunSaved(id)}
            onClose={onClose}
            isRerunning={run.isRerunning}
            rerunError={run.error?.message ?? null}
          />
        ) : (
          <NodeConfigPanel
            node={node}
            graph={graph}
            problems={problems.filter((p) => p.nodeId === node.id)}
            catalog={initial.catalog}
            scope={run.scope}
            isReadOnly={isReadOnly}
            onChange={(patch) => onNodePatch(node.id, patch, `node:${node.id}:${Object.keys(patch).join(",")}`)}
            onClose={onClose}
          />
        )}
        {activeTab === "config" && node.type === "trigger.webhook" ? <WebhookTriggerSection workflowId={workflow.id} /> : null}
      </div>
    </>
  );
}
