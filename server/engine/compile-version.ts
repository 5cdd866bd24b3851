// A pinned workflow version, parsed once: graph, index, and every node's config parsed by its definition (old
// configs migrated) with its execution settings. Versions are immutable, so the result is cached per process.
import { ZWorkflowGraph, type TWorkflowNode } from "../workflows/graph.shared";
import { ZNodeSettings, type TNodeSettings } from "../workflows/node-settings.shared";
import { getDefinition } from "../nodes/registry.shared";
import type { TNodeDefinition } from "../nodes/types";
import { indexGraph, type TGraphIndex } from "./graph-index";
import type { TJoinRule } from "./plan";

export type TCompiledNode = {
  node: TWorkflowNode;
  definition: TNodeDefinition;
  config: unknown;
  settings: TNodeSettings;
  joinRule: TJoinRule;
};

export type TCompiledVersion = { id: string; index: TGraphIndex; nodes: Map<string, TCompiledNode> };

export class GraphCompileError extends Error {
  constructor(
    readonly nodeId: string | null,
    message: string,
  ) {
    super(message);
    this.name = "GraphCompileError";
  }
}

/** Applies a definition's migrations from the saved typeVersion up to the current one. */
export function migrateConfig(definition: TNodeDefinition, typeVersion: number, config: Record<string, unknown>) {
  let current = config;
  for (let v = typeVersion; v < definition.version; v++) {
    const step = definition.migrations?.[v];
    if (step) current = step(current);
  }
  return current;
}

export function compileVersion(id: string, rawGraph: unknown): TCompiledVersion {
  const parsed = ZWorkflowGraph.safeParse(rawGraph);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GraphCompileError(null, `The workflow version is not a valid graph: ${issue?.path.join(".")} ${issue?.message}`);
  }
  const nodes = new Map<string, TCompiledNode>();
  for (const node of parsed.data.nodes) {
    const definition = getDefinition(node.type);
    if (node.typeVersion > definition.version) {
      throw new GraphCompileError(node.id, `Node "${node.id}" was saved by a newer Baton (${node.type} v${node.typeVersion}).`);
    }
    const config = definition.configSchema.safeParse(migrateConfig(definition, node.typeVersion, node.config));
    if (!config.success) {
      const issue = config.error.issues[0];
      throw new GraphCompileError(node.id, `Node "${node.id}" has an invalid configuration: ${issue?.path.join(".") || "config"}: ${issue?.message}`);
    }
    const settings = ZNodeSettings.safeParse(node.settings ?? {});
    if (!settings.success) {
      throw new GraphCompileError(node.id, `Node "${node.id}" has invalid settings: ${settings.error.issues[0]?.message}`);
    }
    const joinRule: TJoinRule = node.type === "control.join" ? (config.data as TJoinRule) : { mode: "all" };
    nodes.set(node.id, { node, definition, config: config.data, settings: settings.data, joinRule });
  }
  return { id, index: indexGraph(parsed.data), nodes };
}

const cache = new Map<string, TCompiledVersion>();
const CACHE_LIMIT = 500;

export function cachedVersion(id: string): TCompiledVersion | null {
  return cache.get(id) ?? null;
}

export function getCompiledVersion(id: string, rawGraph: unknown): TCompiledVersion {
  const hit = cache.get(id);
  if (hit) return hit;
  const compiled = compileVersion(id, rawGraph);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(id, compiled);
  return compiled;
}
