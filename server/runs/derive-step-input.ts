// A step's input is what arrived over its incoming connections: the outputs of the upstream steps that fired into it
// (a loop body's first node gets the current item; a trigger gets the run's input). The engine does not write a copy
// of them on each step: they are stored once, as those upstream steps' outputs (with the same size cap), and are
// immutable once written, so the input is assembled from them when a run is read. Mirrors collectInputs in
// server/engine/scope.ts.
import { isLoopItemEdge, parentKey, stepKey, type TGraphIndex } from "../engine/graph-index";
import { LOOP_BACK_HANDLE, LOOP_TYPE } from "../workflows/loop.shared";

export type TInputRow = { nodeId: string; iterationKey: string; status: string; output: unknown; firedHandles: string[] };

export function deriveStepInput(index: TGraphIndex, rows: ReadonlyMap<string, TInputRow>, step: TInputRow, runInput: unknown): unknown {
  if (index.triggerId === step.nodeId) return runInput;
  const received: { nodeId: string; output: unknown }[] = [];
  for (const edge of index.incoming.get(step.nodeId) ?? []) {
    if (isLoopItemEdge(index, edge)) {
      const key = step.iterationKey;
      const loop = rows.get(stepKey(edge.source, parentKey(key)));
      const items = (loop?.output as { items?: unknown[] } | null)?.items;
      const position = Number(key.slice(key.lastIndexOf(".") + 1));
      received.push({ nodeId: edge.source, output: { item: Array.isArray(items) ? items[position] : undefined, index: position } });
      continue;
    }
    if (index.nodes.get(step.nodeId)?.type === LOOP_TYPE && edge.targetHandle === LOOP_BACK_HANDLE) continue;
    const source = rows.get(stepKey(edge.source, step.iterationKey));
    if (source && (source.status === "SUCCEEDED" || source.status === "FAILED") && source.firedHandles.includes(edge.sourceHandle))
      received.push({ nodeId: edge.source, output: source.output });
  }
  if (received.length === 0) return null;
  if (received.length === 1) return received[0]?.output ?? null;
  return Object.fromEntries(received.map((r) => [r.nodeId, r.output]));
}
