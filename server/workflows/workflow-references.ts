// References from a graph to records of a team or of the catalog, by name, so a graph can move between teams (and
// installations) through duplicate and export/import: see workflow-document.shared.ts for the rules.
import type { TDb } from "../db/client";
import type { TWorkflowGraph, TWorkflowNode } from "./graph.shared";
import type { TDocumentReference, TReferenceKind } from "./workflow-document.shared";

type TSlot = { nodeId: string; kind: TReferenceKind; field: string; id: string };

const CREDENTIAL_NODES = new Set(["tool.http", "tool.mcp"]);
const MODEL_NODES = new Set(["ai.llm", "ai.classifier"]);

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Where a node holds the id of a credential, a model or a knowledge base. */
function slotsOf(node: TWorkflowNode): TSlot[] {
  const config = node.config;
  const slots: TSlot[] = [];
  const add = (kind: TReferenceKind, field: string, id: unknown) => {
    if (typeof id === "string" && id !== "") slots.push({ nodeId: node.id, kind, field, id });
  };
  if (CREDENTIAL_NODES.has(node.type)) add("credential", "credentialId", config.credentialId);
  if (node.type === "ai.retrieval") add("knowledgeBase", "knowledgeBaseId", config.knowledgeBaseId);
  const model = record(config.model);
  if (MODEL_NODES.has(node.type) && model?.kind === "model") add("model", "model.modelId", model.modelId);
  return slots;
}

/** The names of the records the graph refers to (those that exist in the team or the catalog). */
export async function describeReferences(db: TDb, teamId: string, graph: TWorkflowGraph): Promise<TDocumentReference[]> {
  const slots = graph.nodes.flatMap(slotsOf);
  const idsOf = (kind: TReferenceKind) => [...new Set(slots.filter((s) => s.kind === kind).map((s) => s.id))];
  const [credentials, knowledgeBases, models] = await Promise.all([
    db.credential.findMany({ where: { teamId, id: { in: idsOf("credential") } }, select: { id: true, name: true } }),
    db.knowledgeBase.findMany({ where: { teamId, id: { in: idsOf("knowledgeBase") } }, select: { id: true, name: true } }),
    db.model.findMany({ where: { id: { in: idsOf("model") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...credentials, ...knowledgeBases, ...models].map((r) => [r.id, r.name]));
  return slots.flatMap((s) => {
    const name = names.get(s.id);
    return name ? [{ nodeId: s.nodeId, kind: s.kind, field: s.field, name }] : [];
  });
}

/** A copy of the graph without credential ids (they are team secrets' handles, never exported). */
export function withoutCredentials(graph: TWorkflowGraph): TWorkflowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      CREDENTIAL_NODES.has(n.type) && n.config.credentialId != null ? { ...n, config: { ...n.config, credentialId: null } } : n,
    ),
  };
}

/**
 * A copy of the graph with the references re-linked by name in the team: credentials found there are set (the others
 * stay empty), models and knowledge bases found there replace the ids the graph carried (the others keep them, and
 * the editor reports them as missing).
 */
export async function relinkReferences(
  db: TDb,
  teamId: string,
  graph: TWorkflowGraph,
  references: TDocumentReference[],
): Promise<TWorkflowGraph> {
  const namesOf = (kind: TReferenceKind) => [...new Set(references.filter((r) => r.kind === kind).map((r) => r.name))];
  const [credentials, knowledgeBases, models] = await Promise.all([
    db.credential.findMany({ where: { teamId, name: { in: namesOf("credential") } }, select: { id: true, name: true } }),
    db.knowledgeBase.findMany({ where: { teamId, name: { in: namesOf("knowledgeBase") } }, select: { id: true, name: true } }),
    db.model.findMany({
      where: { name: { in: namesOf("model") } },
      orderBy: [{ isEnabled: "desc" }, { createdAt: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const found: Record<TReferenceKind, Map<string, string>> = {
    credential: new Map(credentials.map((r) => [r.name, r.id])),
    knowledgeBase: new Map(knowledgeBases.map((r) => [r.name, r.id])),
    // The first of several models of the same name is an enabled one.
    model: new Map([...models].reverse().map((r) => [r.name, r.id])),
  };
  const nodes = graph.nodes.map((node) => {
    let config = node.config;
    for (const ref of references.filter((r) => r.nodeId === node.id)) {
      const id = found[ref.kind].get(ref.name);
      if (!id) continue;
      if (ref.kind === "credential" && CREDENTIAL_NODES.has(node.type)) config = { ...config, credentialId: id };
      if (ref.kind === "knowledgeBase" && node.type === "ai.retrieval") config = { ...config, knowledgeBaseId: id };
      const model = record(config.model);
      if (ref.kind === "model" && MODEL_NODES.has(node.type) && model?.kind === "model") {
        config = { ...config, model: { ...model, modelId: id } };
      }
    }
    return config === node.config ? node : { ...node, config };
  });
  return { ...graph, nodes };
}
