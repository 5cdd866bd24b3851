"use client";
// What the canvas paints on top of each node: its validation problems and, during a test run, its step status with
// latency and cost. Kept outside the React Flow nodes, so a status change re-renders only the node it concerns.
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";

export type TNodeRunStatus = "queued" | "running" | "succeeded" | "failed" | "waiting" | "skipped" | "cancelled";

export type TNodeDecoration = {
  problems: string[];
  status: TNodeRunStatus | null;
  latencyMs: number | null;
  /** USD as a decimal string; null when the step had no cost. */
  costUsd: string | null;
};

const EMPTY: TNodeDecoration = { problems: [], status: null, latencyMs: null, costUsd: null };

export class DecorationStore {
  private byNode = new Map<string, TNodeDecoration>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(nodeId: string): TNodeDecoration {
    return this.byNode.get(nodeId) ?? EMPTY;
  }

  /** Replaces every decoration; nodes whose decoration is equal keep the same object (and do not re-render). */
  replace(next: Map<string, TNodeDecoration>): void {
    let isChanged = next.size !== this.byNode.size;
    const merged = new Map<string, TNodeDecoration>();
    for (const [id, deco] of next) {
      // A node without problems or status keeps the shared EMPTY object: the first pass re-renders no node.
      const old = this.byNode.get(id) ?? EMPTY;
      if (sameDecoration(old, deco)) merged.set(id, old);
      else {
        merged.set(id, deco);
        isChanged = true;
      }
    }
    this.byNode = merged;
    if (isChanged) for (const listener of this.listeners) listener();
  }
}

function sameDecoration(a: TNodeDecoration, b: TNodeDecoration): boolean {
  return (
    a.status === b.status &&
    a.latencyMs === b.latencyMs &&
    a.costUsd === b.costUsd &&
    a.problems.length === b.problems.length &&
    a.problems.every((p, i) => p === b.problems[i])
  );
}

export const DecorationContext = createContext<DecorationStore | null>(null);

export function useNodeDecoration(nodeId: string): TNodeDecoration {
  const store = useContext(DecorationContext);
  const subscribe = useCallback((fn: () => void) => (store ? store.subscribe(fn) : () => {}), [store]);
  return useSyncExternalStore(subscribe, () => store?.get(nodeId) ?? EMPTY, () => EMPTY);
}
