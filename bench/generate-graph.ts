// A large, valid workflow graph for the builder benchmark: one manual trigger, then columns of LLM, HTTP, transform,
// condition, switch and join nodes laid out left to right the way the builder's tidy-up would place them, ending in a
// column of outputs. Every node hangs off one node of the column before it (so all are reachable and no cycle can
// form); the remaining connections go forward one or two columns, mostly into joins and outputs. Seeded: the same
// arguments give the same graph.
import type { TNodeType, TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from "../server/workflows/graph.shared";
import { NODE_DEFINITIONS } from "../server/nodes/registry.shared";

export type TGenerateGraphOptions = { nodes: number; edges: number; rows?: number; seed?: number };

// Where the builder's tidy-up puts nodes (240 px wide, 80 px between columns); rows leave room for two-port nodes.
const COLUMN_PITCH = 320;
const ROW_PITCH = 160;
const WORK_MIX: [TNodeType, number][] = [
  ["ai.llm", 26],
  ["tool.http", 18],
  ["tool.transform", 20],
  ["control.condition", 12],
  ["control.switch", 8],
  ["control.join", 16],
];
const ID_PREFIX: Partial<Record<TNodeType, string>> = {
  "ai.llm": "llm",
  "tool.http": "http",
  "tool.transform": "map",
  "control.condition": "check",
  "control.switch": "route",
  "control.join": "join",
  "control.output": "out",
};

/** mulberry32: a tiny deterministic PRNG, so a benchmark always measures the same graph. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function defaultsOf(type: TNodeType): Record<string, unknown> {
  return structuredClone(NODE_DEFINITIONS[type].defaults) as Record<string, unknown>;
}

function configFor(type: TNodeType, parent: string | null, n: number): Record<string, unknown> {
  const from = parent ? `nodes.${parent}.output` : "trigger.body";
  switch (type) {
    case "ai.llm":
      return {
        ...defaultsOf("ai.llm"),
        systemPrompt: "You are a careful analyst. Answer in two sentences.",
        prompt: `Summarise step ${n} for case {{ trigger.body.caseId }}: {{ ${from} }}`,
      };
    case "tool.http":
      return { ...defaultsOf("tool.http"), method: "POST", url: `https://api.example.com/v1/cases/{{ trigger.body.caseId }}/notes`, body: `{"step": ${n}}` };
    case "tool.transform":
      return { expression: `{ "step": ${n}, "caseId": trigger.body.caseId, "input": ${from} }` };
    case "control.condition":
      return { condition: `trigger.body.amount > ${(n % 9) * 100}` };
    case "control.switch":
      return {
        match: "first",
        cases: [
          { id: "high", label: "High", when: 'trigger.body.priority = "high"' },
          { id: "low", label: "Low", when: 'trigger.body.priority = "low"' },
        ],
      };
    case "control.output":
      return { value: `{ "result": ${from} }` };
    default:
      return defaultsOf(type);
  }
}

function outputPorts(node: TWorkflowNode): string[] {
  const definition = NODE_DEFINITIONS[node.type];
  return definition.outputs(definition.configSchema.parse(node.config)).map((p) => p.id);
}

export function generateGraph({ nodes: nodeCount, edges: edgeCount, rows = 13, seed = 42 }: TGenerateGraphOptions): TWorkflowGraph {
  if (nodeCount < 3) throw new Error("generateGraph needs at least 3 nodes");
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const weighted = (): TNodeType => {
    let r = random() * WORK_MIX.reduce((s, [, w]) => s + w, 0);
    for (const [type, weight] of WORK_MIX) if ((r -= weight) < 0) return type;
    return WORK_MIX[0]![0];
  };

  const trigger: TWorkflowNode = { id: "start", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {}, label: "Case received" };
  const columns: TWorkflowNode[][] = [[trigger]];
  const nodes: TWorkflowNode[] = [trigger];
  const edges: TWorkflowEdge[] = [];
  const seen = new Set<string>();
  const connect = (source: TWorkflowNode, handle: string, target: TWorkflowNode): boolean => {
    const key = `${source.id}.${handle}>${target.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push({ id: `e${edges.length + 1}`, source: source.id, sourceHandle: handle, target: target.id, targetHandle: "in" });
    return true;
  };

  const columnCount = Math.ceil((nodeCount - 1) / rows);
  for (let c = 1; c <= columnCount; c++) {
    const previous = columns[c - 1]!;
    const size = Math.min(rows, nodeCount - nodes.length);
    const column: TWorkflowNode[] = [];
    for (let r = 0; r < size; r++) {
      const type = c === columnCount ? "control.output" : weighted();
      const parent = previous[Math.floor((r * previous.length) / size)]!;
      const n = nodes.length;
      const node: TWorkflowNode = {
        id: `${ID_PREFIX[type] ?? "node"}_${c}_${r + 1}`,
        type,
        typeVersion: NODE_DEFINITIONS[type].version,
        position: { x: c * COLUMN_PITCH, y: Math.round((r - (size - 1) / 2) * ROW_PITCH) },
        config: configFor(type, parent.type === "trigger.manual" ? null : parent.id, n),
        label: `${NODE_DEFINITIONS[type].label} ${n}`,
      };
      // The first output of the parent that this column has not used yet, so conditions and switches fan out.
      const ports = outputPorts(parent);
      const used = edges.filter((e) => e.source === parent.id).length;
      connect(parent, ports[used % ports.length]!, node);
      column.push(node);
      nodes.push(node);
    }
    columns.push(column);
  }

  // A condition with neither port connected is a validation problem: give any such one a forward connection.
  const later = (c: number) => columns.slice(c + 1, c + 3).flat();
  columns.forEach((column, c) => {
    for (const node of column) {
      if (node.type === "control.condition" && !edges.some((e) => e.source === node.id)) connect(node, "true", pick(later(c)));
    }
  });

  // Forward connections, preferably into nodes that gather several branches (joins and outputs).
  for (let attempts = 0; edges.length < edgeCount; attempts++) {
    if (attempts > edgeCount * 50) throw new Error(`generateGraph could not place ${edgeCount} distinct connections`);
    const c = Math.floor(random() * (columns.length - 1));
    const source = pick(columns[c]!);
    const targets = later(c);
    const gathering = targets.filter((t) => t.type === "control.join" || t.type === "control.output");
    const target = gathering.length > 0 && random() < 0.8 ? pick(gathering) : pick(targets);
    const ports = outputPorts(source);
    if (ports.length === 0) continue;
    connect(source, pick(ports), target);
  }
  return { nodes, edges };
}
