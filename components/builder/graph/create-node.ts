// New nodes dropped from the palette: an id that reads well in expressions (`nodes.llm_2.output`) and the
// definition's defaults.
import type { TNodeType, TWorkflowNode } from "@/server/workflows/graph.shared";
import { findDefinition } from "@/server/nodes/registry.shared";

/** "ai.llm" → "llm", "control.condition" → "condition", then "llm_2", "llm_3"… whichever is free. */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.slice(type.indexOf(".") + 1).replace(/[^A-Za-z0-9_]/g, "_") || "node";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function createNode(type: TNodeType, position: { x: number; y: number }, taken: ReadonlySet<string>): TWorkflowNode {
  const definition = findDefinition(type);
  if (!definition) throw new Error(`Unknown node type ${type}`);
  return {
    id: nextNodeId(type, taken),
    type,
    typeVersion: definition.version,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: structuredClone(definition.defaults as Record<string, unknown>),
  };
}
