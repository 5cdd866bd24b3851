// First pass of the graph validator: reads the stored value node by node and edge by edge, so one broken node does
// not hide the problems of the others. Each node is resolved against its definition: version, migrated config,
// settings and ports. A node too broken to use still counts as an edge end (no cascade of "unknown node" problems).
import { MAX_GRAPH_EDGES, MAX_GRAPH_NODES, ZWorkflowNode, isTriggerType } from "./graph.shared";
import type { TWorkflowEdge, TWorkflowNode } from "./graph.shared";
import { DEFAULT_NODE_SETTINGS, ZNodeSettings, type TNodeSettings } from "./node-settings.shared";
import { ERROR_PORT, type TNodeDefinition, type TPortDef } from "../nodes/types";
import type { TGraphProblem } from "./graph-problems.shared";
import { describeIssue, issuePath, readString } from "./validate-graph-issues.shared";
import { parseEdges } from "./validate-graph-edges.shared";

export type TDefinitions = Partial<Record<string, TNodeDefinition>>;

export type TInspectedNode = {
  id: string;
  /** null when the stored node is too broken to use; it still counts as the end of its edges. */
  node: TWorkflowNode | null;
  definition: TNodeDefinition | null;
  /** The stored config after migrations, before the schema: expression and template fields are read from it. */
  rawConfig: Record<string, unknown> | null;
  /** The config as the definition's schema parsed it (defaults applied); undefined while it is invalid. */
  config: unknown;
  hasValidConfig: boolean;
  settings: TNodeSettings;
  isTrigger: boolean;
  /** null while unknown (broken node or invalid config): connections to that side are not checked port by port. */
  inputs: TPortDef[] | null;
  outputs: TPortDef[] | null;
};

export type TParsedGraph = { nodes: Map<string, TInspectedNode>; edges: TWorkflowEdge[] };

// Problems in these parts are reported, then the node is used without them, so it takes part in every other check.
const COSMETIC_FIELDS = new Set(["settings", "label", "position"]);

export function parseGraph(raw: unknown, definitions: TDefinitions, problems: TGraphProblem[]): TParsedGraph | null {
  const record = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  if (!Array.isArray(record.nodes) || !Array.isArray(record.edges)) {
    problems.push({
      nodeId: null,
      code: "invalid_graph",
      message: "The workflow is not a valid graph: it needs a list of nodes and a list of connections.",
    });
    return null;
  }
  if (record.nodes.length > MAX_GRAPH_NODES)
    problems.push({
      nodeId: null,
      code: "too_large",
      message: `The workflow has ${record.nodes.length} nodes; at most ${MAX_GRAPH_NODES} are allowed.`,
    });
  if (record.edges.length > MAX_GRAPH_EDGES)
    problems.push({
      nodeId: null,
      code: "too_large",
      message: `The workflow has ${record.edges.length} connections; at most ${MAX_GRAPH_EDGES} are allowed.`,
    });
  const nodes = new Map<string, TInspectedNode>();
  record.nodes.forEach((rawNode, i) => {
    const inspected = inspectNode(rawNode, i, definitions, problems);
    if (!inspected) return;
    if (nodes.has(inspected.id)) {
      problems.push({
        nodeId: inspected.id,
        code: "duplicate_node_id",
        message: `Two nodes are called "${inspected.id}"; node ids must be unique.`,
      });
      return;
    }
    nodes.set(inspected.id, inspected);
  });
  return { nodes, edges: parseEdges(record.edges, nodes, problems) };
}

function inspectNode(
  raw: unknown,
  i: number,
  definitions: TDefinitions,
  problems: TGraphProblem[],
): TInspectedNode | null {
  const rawId = readString(raw, "id");
  const subject = rawId ? `Node "${rawId}"` : `Node #${i + 1}`;
  let parsed = ZWorkflowNode.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues;
    for (const issue of issues) {
      const rawType = readString(raw, "type");
      const [head] = issue.path;
      if (head === "type" && rawType) {
        problems.push({
          nodeId: rawId,
          code: "unknown_node_type",
          message: `${subject}: "${rawType}" is not a known node type.`,
        });
      } else {
        const code = head === "settings" ? "invalid_settings" : "invalid_node";
        problems.push({
          nodeId: rawId,
          code,
          field: issuePath(issue) || undefined,
          message: describeIssue(subject, issue),
        });
      }
    }
    if (issues.every((issue) => COSMETIC_FIELDS.has(String(issue.path[0])))) {
      parsed = ZWorkflowNode.safeParse({
        ...(raw as object),
        settings: undefined,
        label: undefined,
        position: { x: 0, y: 0 },
      });
    }
  }
  if (!parsed.success) return rawId === null ? null : brokenNode(rawId);
  return resolveNode(parsed.data, readString(readObject(raw, "settings"), "onError"), definitions, problems);
}

function readObject(raw: unknown, key: string): unknown {
  return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
}

function brokenNode(id: string): TInspectedNode {
  return {
    id,
    node: null,
    definition: null,
    rawConfig: null,
    config: undefined,
    hasValidConfig: false,
    settings: DEFAULT_NODE_SETTINGS,
    isTrigger: false,
    inputs: null,
    outputs: null,
  };
}

function resolveNode(
  node: TWorkflowNode,
  rawOnError: string | null,
  definitions: TDefinitions,
  problems: TGraphProblem[],
): TInspectedNode {
  const subject = `Node "${node.id}"`;
  const inspected: TInspectedNode = { ...brokenNode(node.id), node, isTrigger: isTriggerType(node.type) };
  const definition = definitions[node.type];
  if (!definition) {
    problems.push({
      nodeId: node.id,
      code: "unknown_node_type",
      message: `${subject}: "${node.type}" is not a known node type.`,
    });
    return inspected;
  }
  inspected.definition = definition;
  inspected.inputs = definition.inputs;
  const settings = ZNodeSettings.safeParse(node.settings ?? {}, { reportInput: true });
  if (settings.success) inspected.settings = settings.data;
  else
    for (const issue of settings.error.issues)
      problems.push({
        nodeId: node.id,
        code: "invalid_settings",
        field: `settings.${issuePath(issue)}`,
        message: describeIssue(subject, issue, "settings"),
      });
  if (node.typeVersion > definition.version) {
    problems.push({
      nodeId: node.id,
      code: "newer_node_version",
      message: `${subject} was saved by a newer version of Baton (${definition.label} v${node.typeVersion}; this server knows up to v${definition.version}). Update Baton or recreate the node.`,
    });
    return inspected;
  }
  const migrated = migrateConfig(definition, node, problems);
  if (!migrated) return inspected;
  inspected.rawConfig = migrated;
  const config = definition.configSchema.safeParse(migrated, { reportInput: true });
  if (!config.success) {
    for (const issue of config.error.issues)
      problems.push({
        nodeId: node.id,
        code: "invalid_config",
        field: issuePath(issue) || undefined,
        message: describeIssue(subject, issue),
      });
    return inspected;
  }
  inspected.config = config.data;
  inspected.hasValidConfig = true;
  inspected.outputs = outputsOf(definition, config.data, (node.settings?.onError ?? rawOnError) === "route");
  return inspected;
}

/** Applies the definition's migrations from the saved typeVersion up to the current one; null when one throws. */
export function migrateConfig(
  definition: TNodeDefinition,
  node: TWorkflowNode,
  problems: TGraphProblem[],
): Record<string, unknown> | null {
  let current = node.config;
  for (let v = node.typeVersion; v < definition.version; v++) {
    const step = definition.migrations?.[v];
    try {
      if (step) current = step(current);
    } catch {
      problems.push({
        nodeId: node.id,
        code: "invalid_config",
        message: `Node "${node.id}": its settings could not be upgraded from ${definition.label} v${v}; open the node and set it up again.`,
      });
      return null;
    }
  }
  return current;
}

function outputsOf(definition: TNodeDefinition, config: unknown, isErrorRouted: boolean): TPortDef[] | null {
  let ports: TPortDef[];
  try {
    ports = definition.outputs(config);
  } catch {
    return null;
  }
  return isErrorRouted && !ports.some((p) => p.id === ERROR_PORT.id) ? [...ports, ERROR_PORT] : ports;
}
