// The ports a node shows on the canvas right now: inputs from its definition, outputs from its (possibly unfinished)
// config. Pure; shared by the node component, the connection check and the auto-layout.
import { findDefinition } from "@/server/nodes/registry.shared";
import { ERROR_PORT, type TNodeDefinition, type TPortDef } from "@/server/nodes/types";
import type { TWorkflowNode } from "@/server/workflows/graph.shared";

export type TNodePorts = { inputs: TPortDef[]; outputs: TPortDef[] };

const NO_PORTS: TNodePorts = { inputs: [], outputs: [] };


/**
 * While a person edits, the config may not parse yet (an empty switch case, a half-typed label): the outputs then
 * come from the config laid over the defaults, and from the defaults alone as a last resort, so handles and their
 * connections do not blink away mid-edit.
 */
export function portsOf(node: Pick<TWorkflowNode, "type" | "config" | "settings">): TNodePorts {
  const definition = findDefinition(node.type);
  if (!definition) return NO_PORTS;
  const outputs = outputsFor(definition, node.config) ?? [];
  const isErrorRouted = node.settings?.onError === "route";
  return {
    inputs: definition.inputs,
    outputs: isErrorRouted && !outputs.some((p) => p.id === ERROR_PORT.id) ? [...outputs, ERROR_PORT] : outputs,
  };
}

function outputsFor(definition: TNodeDefinition, config: Record<string, unknown>): TPortDef[] | null {
  const candidates: unknown[] = [config, { ...(definition.defaults as Record<string, unknown>), ...config }, definition.defaults];
  for (const candidate of candidates) {
    const parsed = definition.configSchema.safeParse(candidate);
    if (!parsed.success) continue;
    try {
      return definition.outputs(parsed.data);
    } catch {
      continue;
    }
  }
  return null;
}
