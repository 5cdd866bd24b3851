// A step's input is what arrived over its incoming connections: the outputs of the upstream steps that fired into it
// (a loop body's first node gets the current item; a trigger gets the run's input). The engine does not write a copy
// of them on each step: they are stored once, as those upstream steps' outputs (with the same size cap), and are
// immutable once written, so the input is assembled from them when a run is read, by the engine's own rule
// (arrivedInputs in server/engine/graph-index.ts).
import { arrivedInputs, parentKey, stepKey, type TGraphIndex } from "../engine/graph-index";

export type TInputRow = { nodeId: string; iterationKey: string; status: string; output: unknown; firedHandles: string[] };

export function deriveStepInput(index: TGraphIndex, rows: ReadonlyMap<string, TInputRow>, step: TInputRow, runInput: unknown): unknown {
  if (index.triggerId === step.nodeId) return runInput;
  const key = step.iterationKey;
  const loopItem = () => {
    const loopId = index.loopOf.get(step.nodeId);
    const loop = loopId ? rows.get(stepKey(loopId, parentKey(key))) : undefined;
    const items = (loop?.output as { items?: unknown[] } | null)?.items;
    const position = Number(key.slice(key.lastIndexOf(".") + 1));
    return { item: Array.isArray(items) ? items[position] : undefined, index: position };
  };
  const received = arrivedInputs(index, step.nodeId, key, (id, k) => rows.get(stepKey(id, k)), loopItem);
  if (received.length === 0) return null;
  if (received.length === 1) return received[0]?.output ?? null;
  return Object.fromEntries(received.map((r) => [r.nodeId, r.output]));
}
