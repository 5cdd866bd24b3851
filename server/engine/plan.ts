// The scheduler's pure core: given the graph and the steps so far, what may run now, what is skipped, which loops are
// complete, and whether the run is finished. No I/O, so every rule is unit-tested.
import {
  childKey,
  isLoopBackEdge,
  isLoopItemEdge,
  LOOP_BACK_HANDLE,
  LOOP_TYPE,
  stepKey,
  type TGraphIndex,
} from "./graph-index";
import type { TWorkflowEdge } from "../workflows/graph.shared";

export type TStepStatus = "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SKIPPED" | "WAITING" | "CANCELLED";
export type TStepView = { status: TStepStatus; firedHandles: string[]; output: unknown; waitKind: string | null };
export type TJoinRule = { mode: "all" } | { mode: "any" } | { mode: "n_of_m"; n: number };

export type TPlanOptions = {
  joinRule: (nodeId: string) => TJoinRule;
  loopConcurrency: (nodeId: string) => number;
};

export type TStepRef = { nodeId: string; key: string };
export type TPlan = {
  execute: TStepRef[];
  skip: TStepRef[];
  completeLoops: (TStepRef & { results: unknown[] })[];
  outcome: "RUNNING" | "WAITING" | "FINISHED";
};

const TERMINAL: ReadonlySet<TStepStatus> = new Set(["SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED"]);
export const isTerminal = (status: TStepStatus) => TERMINAL.has(status);

type TLoopState = { itemCount: number; admitted: number[]; complete: boolean; results: unknown[] };

export function plan(index: TGraphIndex, steps: ReadonlyMap<string, TStepView>, options: TPlanOptions): TPlan {
  const local = new Map(steps);
  const result: TPlan = { execute: [], skip: [], completeLoops: [], outcome: "FINISHED" };
  const queued = new Set<string>();

  for (let changed = true; changed; ) {
    changed = false;
    for (const { nodeIds, key } of scopes(index, local, options)) {
      for (const nodeId of nodeIds) {
        const sk = stepKey(nodeId, key);
        if (local.has(sk) || queued.has(sk)) continue;
        const decision = decide(index, local, options, nodeId, key);
        if (decision === "execute") {
          queued.add(sk);
          result.execute.push({ nodeId, key });
        } else if (decision === "skip") {
          local.set(sk, { status: "SKIPPED", firedHandles: [], output: null, waitKind: null });
          result.skip.push({ nodeId, key });
          changed = true;
        }
      }
    }
    for (const [sk, view] of local) {
      if (view.waitKind !== "loop" || view.status !== "WAITING") continue;
      const { nodeId, key } = splitStepKey(sk);
      const loop = loopState(index, local, options, nodeId, key);
      if (!loop.complete) continue;
      local.set(sk, { ...view, status: "SUCCEEDED", firedHandles: ["done"] });
      result.completeLoops.push({ nodeId, key, results: loop.results });
      changed = true;
    }
  }

  const statuses = [...local.values()].map((s) => s.status);
  if (result.execute.length > 0 || result.completeLoops.length > 0 || statuses.includes("RUNNING")) {
    result.outcome = "RUNNING";
  } else if (statuses.includes("WAITING") || statuses.includes("PENDING")) {
    result.outcome = "WAITING";
  }
  return result;
}

function splitStepKey(sk: string): TStepRef {
  const at = sk.indexOf("@");
  return { nodeId: sk.slice(0, at), key: sk.slice(at + 1) };
}

/** The top level, plus every admitted iteration of every loop that is iterating. */
function* scopes(index: TGraphIndex, local: Map<string, TStepView>, options: TPlanOptions) {
  const topLevel = [...index.nodes.keys()].filter((id) => !index.loopOf.has(id));
  yield { nodeIds: topLevel, key: "" };
  for (const [sk, view] of [...local]) {
    if (view.waitKind !== "loop" || view.status !== "WAITING") continue;
    const { nodeId, key } = splitStepKey(sk);
    const direct = [...(index.loopBody.get(nodeId) ?? [])].filter((id) => index.loopOf.get(id) === nodeId);
    for (const i of loopState(index, local, options, nodeId, key).admitted) yield { nodeIds: direct, key: childKey(key, i) };
  }
}

function loopState(index: TGraphIndex, local: Map<string, TStepView>, options: TPlanOptions, loopId: string, key: string): TLoopState {
  const output = local.get(stepKey(loopId, key))?.output as { count?: number } | null;
  const itemCount = typeof output?.count === "number" ? output.count : 0;
  const direct = [...(index.loopBody.get(loopId) ?? [])].filter((id) => index.loopOf.get(id) === loopId);
  const backEdges = (index.incoming.get(loopId) ?? []).filter((e) => e.targetHandle === LOOP_BACK_HANDLE);
  const concurrency = Math.max(1, options.loopConcurrency(loopId));
  const admitted: number[] = [];
  const results: unknown[] = [];
  let inProgress = 0;
  let completeCount = 0;
  for (let i = 0; i < itemCount; i++) {
    const k = childKey(key, i);
    const views = direct.map((id) => local.get(stepKey(id, k)));
    const isStarted = views.some(Boolean);
    const isComplete = views.length > 0 && views.every((v) => v && isTerminal(v.status));
    if (isComplete) {
      completeCount += 1;
      admitted.push(i);
      const back = backEdges.find((e) => isActive(local.get(stepKey(e.source, k)), e));
      results[i] = back ? (local.get(stepKey(back.source, k))?.output ?? null) : null;
    } else if (isStarted || inProgress < concurrency) {
      inProgress += 1;
      admitted.push(i);
    }
  }
  return { itemCount, admitted, complete: completeCount === itemCount, results };
}

function isActive(source: TStepView | undefined, edge: TWorkflowEdge): boolean {
  return !!source && (source.status === "SUCCEEDED" || source.status === "FAILED") && source.firedHandles.includes(edge.sourceHandle);
}

function decide(index: TGraphIndex, local: Map<string, TStepView>, options: TPlanOptions, nodeId: string, key: string) {
  const node = index.nodes.get(nodeId)!;
  const edges = (index.incoming.get(nodeId) ?? []).filter((e) => !(node.type === LOOP_TYPE && isLoopBackEdge(index, e)));
  if (edges.length === 0) return nodeId === index.triggerId && key === "" ? "execute" : "skip";
  let active = 0;
  let unresolved = 0;
  for (const edge of edges) {
    if (isLoopItemEdge(index, edge)) {
      active += 1; // scopes() only yields admitted iterations of iterating loops
      continue;
    }
    const source = local.get(stepKey(edge.source, key));
    if (!source || !isTerminal(source.status)) unresolved += 1;
    else if (isActive(source, edge)) active += 1;
  }
  const rule = options.joinRule(nodeId);
  if (rule.mode === "any") return active >= 1 ? "execute" : unresolved === 0 ? "skip" : "wait";
  if (rule.mode === "n_of_m") {
    if (active >= rule.n) return "execute";
    return active + unresolved < rule.n ? "skip" : "wait";
  }
  if (unresolved > 0) return "wait";
  return active >= 1 ? "execute" : "skip";
}
