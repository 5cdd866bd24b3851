// What a step's expressions see: the trigger payload, every earlier node's output (inside a loop iteration, the
// iteration's own steps first, then the enclosing scopes'), and `item`/`index` inside loops.
import type { TScope } from "../nodes/execute-types";
import { arrivedInputs, parentKey, stepKey } from "./graph-index";
import type { TCompiledVersion } from "./compile-version";
import type { TRunRow, TStepRow } from "./run-state";

function keyChain(key: string): string[] {
  const chain = [key];
  for (let k = key; k !== ""; ) {
    k = parentKey(k);
    chain.push(k);
  }
  return chain;
}

function hasOutput(step: TStepRow | undefined): step is TStepRow {
  return !!step && (step.status === "SUCCEEDED" || step.status === "FAILED" || (step.status === "WAITING" && step.waitKind === "loop"));
}

export function buildScope(run: TRunRow, version: TCompiledVersion, steps: Map<string, TStepRow>, nodeId: string, key: string): TScope {
  const chain = keyChain(key);
  const nodes: TScope["nodes"] = {};
  for (const id of version.nodes.keys()) {
    for (const k of chain) {
      const step = steps.get(stepKey(id, k));
      if (hasOutput(step)) {
        nodes[id] = { output: step.output };
        break;
      }
    }
  }
  const scope: TScope = {
    trigger: (run.input ?? {}) as Record<string, unknown>,
    nodes,
    run: { id: run.id, workflowId: run.workflowId, teamId: run.teamId },
  };
  if (key !== "") {
    const loopId = version.index.loopOf.get(nodeId);
    const loopStep = loopId ? steps.get(stepKey(loopId, parentKey(key))) : undefined;
    const index = Number(key.slice(key.lastIndexOf(".") + 1));
    const items = (loopStep?.output as { items?: unknown[] } | null)?.items;
    scope.item = Array.isArray(items) ? items[index] : undefined;
    scope.index = index;
  }
  return scope;
}

/** Outputs arriving over the node's active incoming edges (a loop's item edge delivers the current item). */
export function collectInputs(version: TCompiledVersion, steps: Map<string, TStepRow>, nodeId: string, key: string, scope: TScope) {
  return arrivedInputs(version.index, nodeId, key, (id, k) => steps.get(stepKey(id, k)), () => scope.item ?? null);
}
