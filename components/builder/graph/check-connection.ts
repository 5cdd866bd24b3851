// Checked while a connection is being dragged, so a person sees at once what the validator would refuse on save:
// no cycles (repeat with a Loop), ports that exist and fit, nothing into a trigger, no duplicates.
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { LOOP_BACK_HANDLE, LOOP_TYPE } from "@/server/workflows/loop.shared";
import { isCompatible } from "@/server/workflows/validate-graph-edges.shared";
import { forwardPath, topologyOfWorkflow } from "@/server/workflows/validate-graph-topology.shared";
import { findDefinition } from "@/server/nodes/registry.shared";
import { portsOf } from "./node-ports";

export type TConnection = { source: string; sourceHandle: string | null; target: string; targetHandle: string | null };
export type TConnectionCheck =
  | { isValid: true; sourceHandle: string; targetHandle: string }
  | { isValid: false; reason: string };

const DATA_TYPE_WORDS: Record<string, string> = { object: "a record", array: "a list", text: "text", any: "anything" };

export function checkConnection(graph: TWorkflowGraph, connection: TConnection): TConnectionCheck {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return { isValid: false, reason: "Both ends must be nodes of this workflow." };
  const sourceName = source.label || source.id;
  const targetName = target.label || target.id;
  if (source.id === target.id) return { isValid: false, reason: "A node cannot connect to itself." };
  if (findDefinition(target.type)?.category === "trigger")
    return { isValid: false, reason: `${targetName} is a trigger: it starts the workflow, nothing connects into it.` };

  const outputs = portsOf(source).outputs;
  const inputs = portsOf(target).inputs;
  const out = connection.sourceHandle ? outputs.find((p) => p.id === connection.sourceHandle) : outputs.length === 1 ? outputs[0] : undefined;
  const into = connection.targetHandle ? inputs.find((p) => p.id === connection.targetHandle) : inputs.length === 1 ? inputs[0] : undefined;
  if (!out) return { isValid: false, reason: `${sourceName} has no such output.` };
  if (!into) return { isValid: false, reason: `${targetName} has no such input.` };
  if (!isCompatible(out, into)) {
    const gives = DATA_TYPE_WORDS[out.dataType ?? "any"];
    const wants = DATA_TYPE_WORDS[into.dataType ?? "any"];
    return { isValid: false, reason: `${sourceName} "${out.label}" gives ${gives}, but ${targetName} "${into.label}" expects ${wants}.` };
  }
  const isDuplicate = graph.edges.some(
    (e) => e.source === source.id && e.sourceHandle === out.id && e.target === target.id && e.targetHandle === into.id,
  );
  if (isDuplicate) return { isValid: false, reason: "These two ports are already connected." };

  const closesLoop = target.type === LOOP_TYPE && into.id === LOOP_BACK_HANDLE;
  if (!closesLoop) {
    const path = forwardPath(topologyOfWorkflow(graph), target.id, source.id);
    if (path) {
      const names = [...path, target.id].map((id) => labelOf(graph, id));
      return { isValid: false, reason: `This would make a cycle (${names.join(" → ")}). To repeat steps, use a Loop node.` };
    }
  }
  return { isValid: true, sourceHandle: out.id, targetHandle: into.id };
}

function labelOf(graph: TWorkflowGraph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node?.label || id;
}
