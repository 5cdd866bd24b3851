// References from a graph to records of a team or of the catalog, by name, so a graph can move between teams (and
// installations) through duplicate and export/import: see workflow-document.shared.ts for the rules.
import type { TDb } from "../db/client";
import type { TWorkflowGraph, TWorkflowNode } from "./graph.shared";
import { modelIdsByName } from "./model-ids-by-name";
import { CREDENTIAL_NODE_TYPES, referenceFields, referenceSlots, withReference } from "./reference-slots.shared";
import { REFERENCE_KINDS, type TDocumentReference, type TReferenceKind } from "./workflow-document.shared";

type TSlot = { nodeId: string; kind: TReferenceKind; field: string; id: string };

const isDocumentKind = (kind: string): kind is TReferenceKind => (REFERENCE_KINDS as readonly string[]).includes(kind);

/** Where a node holds the id of a credential, a model or a knowledge base (used or not: it travels with the graph). */
function slotsOf(node: TWorkflowNode): TSlot[] {
  return referenceSlots(node).flatMap(({ nodeId, kind, field, id }) => (isDocumentKind(kind) ? [{ nodeId, kind, field, id }] : []));
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
      CREDENTIAL_NODE_TYPES.has(n.type) && n.config.credentialId != null ? { ...n, config: withReference(n.config, "credentialId", null) } : n,
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
    modelIdsByName(db, namesOf("model")),
  ]);
  const found: Record<TReferenceKind, Map<string, string>> = {
    credential: new Map(credentials.map((r) => [r.name, r.id])),
    knowledgeBase: new Map(knowledgeBases.map((r) => [r.name, r.id])),
    model: models,
  };
  const nodes = graph.nodes.map((node) => {
    let config = node.config;
    // Only a field the node has for that kind of record is set (a reference naming another field is ignored).
    const fields = new Set(referenceFields(node).map((f) => `${f.kind}:${f.field}`));
    for (const ref of references.filter((r) => r.nodeId === node.id)) {
      const id = found[ref.kind].get(ref.name);
      if (id && fields.has(`${ref.kind}:${ref.field}`)) config = withReference(config, ref.field, id);
    }
    return config === node.config ? node : { ...node, config };
  });
  return { ...graph, nodes };
}
