// The canvas state with undo/redo. Every edit that changes the workflow is one history entry; selection and measured
// sizes are not. A drag is one entry (from where it started), and a burst of typing in one field is one entry.
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { graphFromFlow, mergeGraphIntoFlow, type TFlow, type TFlowEdge, type TFlowNode } from "../graph/flow-model";

/** A pure edit of the graph; returns null to change nothing. `select` replaces the selection when given. */
export type TGraphEdit = (graph: TWorkflowGraph) => { graph: TWorkflowGraph; select?: ReadonlySet<string> } | null;

const HISTORY_LIMIT = 100;
const COALESCE_MS = 1000;

export type THistoryState = {
  present: TFlow;
  past: TFlow[];
  future: TFlow[];
  /** Where the current drag started, pushed to `past` when it ends. */
  dragBase: TFlow | null;
  lastKey: string | null;
  lastAt: number;
};

export type THistoryAction =
  | { kind: "nodes"; changes: NodeChange<TFlowNode>[]; at: number }
  | { kind: "edges"; changes: EdgeChange<TFlowEdge>[]; at: number }
  | { kind: "set"; flow: TFlow; at: number; coalesceKey?: string }
  | { kind: "edit"; edit: TGraphEdit; at: number; coalesceKey?: string }
  | { kind: "selectOnly"; nodeIds: ReadonlySet<string> }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "reset"; flow: TFlow };

export function initHistory(flow: TFlow): THistoryState {
  return { present: flow, past: [], future: [], dragBase: null, lastKey: null, lastAt: 0 };
}

function commit(state: THistoryState, next: TFlow, at: number, key: string | null): THistoryState {
  const isBurst = key !== null && key === state.lastKey && at - state.lastAt < COALESCE_MS;
  const past = isBurst ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT);
  return { ...state, present: next, past, future: [], lastKey: key, lastAt: at };
}

export function historyReducer(state: THistoryState, action: THistoryAction): THistoryState {
  switch (action.kind) {
    case "nodes": {
      const nodes = applyNodeChanges(action.changes, state.present.nodes);
      const next = { ...state.present, nodes };
      const isRemoval = action.changes.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace");
      if (isRemoval) return commit(state, next, action.at, "remove");
      const moves = action.changes.filter((c) => c.type === "position");
      if (moves.length === 0) return { ...state, present: next };
      const isDragging = moves.some((c) => c.type === "position" && c.dragging);
      if (isDragging) return { ...state, present: next, dragBase: state.dragBase ?? state.present };
      const base = state.dragBase ?? state.present;
      return { ...commit({ ...state, present: base }, next, action.at, null), dragBase: null };
    }
    case "edges": {
      const edges = applyEdgeChanges(action.changes, state.present.edges);
      const next = { ...state.present, edges };
      const isEdit = action.changes.some((c) => c.type !== "select");
      return isEdit ? commit(state, next, action.at, "remove") : { ...state, present: next };
    }
    case "set":
      return commit(state, action.flow, action.at, action.coalesceKey ?? null);
    case "edit": {
      const result = action.edit(graphFromFlow(state.present));
      if (!result) return state;
      return commit(state, mergeGraphIntoFlow(state.present, result.graph, result.select), action.at, action.coalesceKey ?? null);
    }
    case "selectOnly": {
      const { nodes, edges } = state.present;
      return {
        ...state,
        present: {
          nodes: nodes.map((n) => ((n.selected ?? false) === action.nodeIds.has(n.id) ? n : { ...n, selected: action.nodeIds.has(n.id) })),
          edges: edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        },
      };
    }
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return { ...state, present: previous, past: state.past.slice(0, -1), future: [state.present, ...state.future], lastKey: null };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { ...state, present: next, past: [...state.past, state.present], future: rest, lastKey: null };
    }
    case "reset":
      return initHistory(action.flow);
  }
}
