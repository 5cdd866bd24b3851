"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { TNodeType } from "@/server/workflows/graph.shared";
import type { TEditorData, TEditorWorkflow } from "@/server/workflows/editor.shared";
import { isReferenceProblem, type TGraphProblem } from "@/server/workflows/graph-problems.shared";
import { validateGraph } from "@/server/workflows/validate-graph.shared";
import { copySelection, type TClipboard } from "../graph/clipboard";
import { findDefinition } from "@/server/nodes/registry.shared";
import { BuilderCanvas } from "./builder-canvas";
import { BuilderToolbar } from "./builder-toolbar";
import { DecorationContext, DecorationStore } from "./node-decorations";
import { NodePalette } from "./node-palette";
import { ProblemsList } from "./problems-list";
import type { TShortcutAction } from "./shortcuts";
import { useAutosave } from "./use-autosave";
import { useBuilder } from "./use-builder";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import type { TSidePanel } from "./editor-side-panel";
import { EditorRunLayer, loadRunDialogs, useEditorRun } from "./editor-run";
import { fetchEditor } from "./editor-api";
import { BuilderQueryProvider } from "../panels/builder-query-provider";

// What is not on screen when the editor opens (the side panel with its forms, the dialogs) loads on first use, and is
// fetched in the background once the canvas is up: the 300-node canvas must become interactive first.
const loadSidePanel = () => import("./editor-side-panel").then((m) => m.EditorSidePanel);
const loadShortcuts = () => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog);
const loadConflict = () => import("./conflict-banner").then((m) => m.ConflictBanner);
const EditorSidePanel = dynamic(loadSidePanel, { ssr: false });
const ShortcutsDialog = dynamic(loadShortcuts, { ssr: false });
const ConflictBanner = dynamic(loadConflict, { ssr: false });

// Problems are recomputed after a short pause in typing, so messages do not flicker in and out keystroke by keystroke.
const VALIDATE_AFTER_MS = 250;

function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function WorkflowEditor({ initial }: { initial: TEditorData }) {
  return (
    <BuilderQueryProvider>
      <ReactFlowProvider>
        <Editor initial={initial} />
      </ReactFlowProvider>
    </BuilderQueryProvider>
  );
}

function Editor({ initial }: { initial: TEditorData }) {
  const [workflow, setWorkflow] = useState<TEditorWorkflow>(initial.workflow);
  const [name, setName] = useState(initial.workflow.name);
  const isReadOnly = !initial.canEdit;
  const builder = useBuilder(initial.graph);
  const { graph } = builder;
  const reactFlow = useReactFlow();
  const [serverProblems, setServerProblems] = useState<TGraphProblem[]>(() =>
    initial.problems.filter(isReferenceProblem),
  );
  const [panel, setPanel] = useState<TSidePanel>(null);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [decorations] = useState(() => new DecorationStore());

  const draft = useMemo(
    () => ({ graph, name: name.trim() || initial.workflow.name }),
    [graph, name, initial.workflow.name],
  );
  const autosave = useAutosave({
    workflowId: workflow.id,
    draft,
    initialRevision: initial.workflow.draftRevision,
    isEnabled: !isReadOnly,
    onSaved: ({ revision, problems }) => {
      setWorkflow((w) => ({ ...w, draftRevision: revision }));
      setServerProblems(problems.filter(isReferenceProblem));
    },
  });

  const deferredGraph = useDebouncedValue(useDeferredValue(graph), VALIDATE_AFTER_MS);
  const problems = useMemo(() => {
    // Until the first edit the page's own validation of this very draft stands: no second pass in the browser.
    if (deferredGraph === initial.graph) return initial.problems;
    const ids = new Set(deferredGraph.nodes.map((n) => n.id));
    const local = validateGraph(deferredGraph).problems;
    return [...local, ...serverProblems.filter((p) => p.nodeId === null || ids.has(p.nodeId))];
  }, [deferredGraph, serverProblems, initial.graph, initial.problems]);

  const run = useEditorRun(workflow.id, workflow.draftRevision, initial.lastRun, autosave.save);
  // `run` is a new object every render; its `decorate` changes only with the run's data.
  const { decorate } = run;
  useEffect(() => {
    decorations.replace(decorate(deferredGraph, problems));
  }, [decorations, deferredGraph, problems, decorate]);

  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 1500));
    idle(() => void Promise.all([loadSidePanel(), loadShortcuts(), loadConflict(), loadRunDialogs()]));
  }, []);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(t);
  }, [notice]);

  const viewportCenter = useCallback(() => {
    const el = document.querySelector('[data-testid="builder-canvas"]');
    const rect = el?.getBoundingClientRect();
    const at = rect
      ? reactFlow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    const jitter = (graph.nodes.length % 5) * 24;
    return { x: at.x - 120 + jitter, y: at.y - 40 + jitter };
  }, [reactFlow, graph.nodes.length]);

  const addNode = useCallback(
    (type: TNodeType, position?: { x: number; y: number }) => {
      if (isReadOnly) return;
      const isTrigger = findDefinition(type)?.category === "trigger";
      if (isTrigger && graph.nodes.some((n) => findDefinition(n.type)?.category === "trigger")) {
        setNotice("A workflow starts with exactly one trigger. Delete the current trigger first to use another.");
        return;
      }
      builder.addNode(type, position ?? viewportCenter());
    },
    [builder, graph.nodes, isReadOnly, viewportCenter],
  );

  /** Closing the panel returns focus to the node it showed, so keyboard users keep their place on the canvas. */
  const closePanel = useCallback(() => {
    setPanel((current) => {
      if (current?.kind === "node") {
        const id = current.nodeId;
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus(),
        );
      }
      return null;
    });
  }, []);

  const openNode = useCallback(
    (nodeId: string) => {
      builder.select(new Set([nodeId]));
      setPanel({ kind: "node", nodeId });
    },
    [builder],
  );

  // The selection as it was before the click: React Flow has already narrowed it to the clicked node by then.
  const selectionBeforeClick = useRef(builder.selectedIds);
  useEffect(() => {
    selectionBeforeClick.current = builder.selectedIds;
  }, [builder.selectedIds]);
  const toggleSelect = useCallback(
    (nodeId: string) => {
      const next = new Set(selectionBeforeClick.current);
      if (next.has(nodeId)) next.delete(nodeId);
      else next.add(nodeId);
      builder.select(next);
    },
    [builder],
  );

  const paste = useCallback(
    (clip: TClipboard) => {
      if (isReadOnly) return;
      const hasTrigger = graph.nodes.some((n) => findDefinition(n.type)?.category === "trigger");
      if (hasTrigger && clip.nodes.some((n) => findDefinition(n.type)?.category === "trigger"))
        setNotice("The copied trigger was left out: a workflow has exactly one trigger.");
      builder.paste(clip, { x: 40, y: 40 });
    },
    [builder, graph.nodes, isReadOnly],
  );

  const layout = useCallback(() => {
    const sizes = new Map(
      builder.flow.nodes
        .filter((n) => n.measured?.width)
        .map((n) => [n.id, { width: n.measured!.width!, height: n.measured!.height! }]),
    );
    builder.layout(sizes);
    requestAnimationFrame(() => void reactFlow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 }));
  }, [builder, reactFlow]);

  const onAction = (action: TShortcutAction) => {
    if (action === "help") setIsHelpOpen(true);
    else if (action === "fit") void reactFlow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 });
    else if (action === "close") {
      closePanel();
      builder.select(new Set());
    } else if (action === "save") void autosave.save();
    else if (isReadOnly) return;
    else if (action === "undo") builder.undo();
    else if (action === "redo") builder.redo();
    else if (action === "selectAll") builder.select(new Set(graph.nodes.map((n) => n.id)));
    else if (action === "layout") layout();
    else if (action === "duplicate") {
      const clip = copySelection(graph, builder.selectedIds);
      if (clip) paste(clip);
    }
  };
  useEditorShortcuts({ onAction, onCopy: () => copySelection(graph, builder.selectedIds), onPaste: paste });

  const reloadFrom = (data: TEditorData) => {
    builder.reset(data.graph);
    setName(data.workflow.name);
    setWorkflow(data.workflow);
    setServerProblems(data.problems.filter(isReferenceProblem));
    autosave.rebase({ graph: data.graph, name: data.workflow.name }, data.workflow.draftRevision);
  };

  return (
    <DecorationContext.Provider value={decorations}>
      <div className="fixed inset-0 z-40 flex flex-col bg-slate-50" data-testid="workflow-editor">
        <BuilderToolbar
          workflow={workflow}
          name={name}
          onNameChange={setName}
          saveState={autosave.state}
          isReadOnly={isReadOnly}
          canUndo={builder.canUndo}
          canRedo={builder.canRedo}
          canPublish={initial.canPublish}
          canRun={initial.canRun}
          canClassify={initial.canEdit}
          canLowerClassification={initial.canLowerClassification}
          onClassified={(dataClassification) => setWorkflow((w) => ({ ...w, dataClassification }))}
          problemCount={problems.length}
          onUndo={builder.undo}
          onRedo={builder.redo}
          onLayout={layout}
          onFit={() => void reactFlow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 })}
          onHelp={() => setIsHelpOpen(true)}
          onVersions={() => setPanel({ kind: "versions" })}
          onTestRun={() => run.openDialog()}
          onPublish={() => void autosave.save().then(run.openPublish)}
        />
        {isReadOnly ? (
          <p
            className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-sm text-amber-900"
            data-testid="read-only-banner"
          >
            {workflow.status === "archived"
              ? "This workflow is archived: restore it from the list to edit it."
              : "You can view this workflow but not change it."}
          </p>
        ) : null}
        {autosave.state.kind === "conflict" ? (
          <ConflictBanner
            workflowId={workflow.id}
            mine={graph}
            onReload={reloadFrom}
            onKeepMine={(rev) => autosave.overwrite(rev)}
          />
        ) : null}
        <div className="flex min-h-0 flex-1">
          <NodePalette isReadOnly={isReadOnly} onAdd={addNode} />
          <main className="relative min-w-0 flex-1" aria-label="Workflow canvas">
            <BuilderCanvas
              flow={builder.flow}
              graph={graph}
              isReadOnly={isReadOnly}
              onNodesChange={builder.onNodesChange}
              onEdgesChange={builder.onEdgesChange}
              onConnect={builder.connect}
              onDropNode={addNode}
              onNodeOpen={openNode}
              onToggleSelect={toggleSelect}
              onPaneClick={() => setPanel((p) => (p?.kind === "node" ? null : p))}
            />
            <div className="absolute left-3 top-3 z-10">
              <ProblemsList problems={problems} onOpenNode={openNode} />
            </div>
            {notice ? (
              <p
                role="status"
                className="absolute bottom-4 left-1/2 z-10 -translate-x-1/2 rounded-md bg-slate-900 px-3 py-2 text-sm text-white shadow-lg"
              >
                {notice}
              </p>
            ) : null}
          </main>
          <EditorSidePanel
            panel={panel}
            onClose={closePanel}
            initial={initial}
            workflow={workflow}
            graph={graph}
            problems={problems}
            isReadOnly={isReadOnly}
            run={run}
            onNodePatch={(nodeId, patch, key) => builder.updateNode(nodeId, patch, key)}
            onRestored={async () => reloadFrom(await fetchEditor(workflow.id))}
          />
        </div>
        <EditorRunLayer
          run={run}
          workflow={workflow}
          graph={graph}
          onPublished={(number) => {
            setWorkflow((w) => ({
              ...w,
              publishedVersion: number,
              status: w.status === "paused" ? "paused" : "published",
            }));
            setNotice(`Published version ${number}.`);
          }}
        />
        {isHelpOpen ? <ShortcutsDialog isOpen onClose={() => setIsHelpOpen(false)} /> : null}
      </div>
    </DecorationContext.Provider>
  );
}
