// Isomorphic: where a node's config holds the id (or name) of another record — a called workflow, a knowledge base, a
// credential, a model or a named route. One table for the validator (do they exist?), export (name them) and import
// or duplicate (re-link them by name).
import { getIn, setIn } from "./config-values.shared";

export type TSlotKind = "workflow" | "knowledgeBase" | "credential" | "model" | "route";

export type TReferenceSlot = {
  nodeId: string;
  kind: TSlotKind;
  /** The config field holding the id, e.g. "credentialId" or "model.modelId". */
  field: string;
  id: string;
  /**
   * Whether the node calls the record as configured. A classifier in local mode keeps the model it names (it may be
   * switched back) but calls none, so the model's absence is not a problem.
   */
  isUsed: boolean;
};

type TSlotNode = { id: string; type: string; config: Record<string, unknown> };

export const CREDENTIAL_NODE_TYPES: ReadonlySet<string> = new Set(["tool.http", "tool.mcp"]);
const MODEL_NODE_TYPES: ReadonlySet<string> = new Set(["ai.llm", "ai.classifier"]);

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

type TReferenceField = Pick<TReferenceSlot, "kind" | "field" | "isUsed">;

/** The fields where a node of this type, so configured, holds a reference, whether set or empty. */
export function referenceFields(node: TSlotNode): TReferenceField[] {
  const fields: TReferenceField[] = [];
  if (node.type === "control.subworkflow") fields.push({ kind: "workflow", field: "workflowId", isUsed: true });
  if (node.type === "ai.retrieval") fields.push({ kind: "knowledgeBase", field: "knowledgeBaseId", isUsed: true });
  if (CREDENTIAL_NODE_TYPES.has(node.type)) fields.push({ kind: "credential", field: "credentialId", isUsed: true });
  const model = record(node.config.model);
  if (MODEL_NODE_TYPES.has(node.type) && model) {
    const isUsed = node.config.mode !== "local";
    if (model.kind === "model") fields.push({ kind: "model", field: "model.modelId", isUsed });
    if (model.kind === "route") fields.push({ kind: "route", field: "model.routeName", isUsed });
  }
  return fields;
}

/** The references a node holds (its reference fields that are set). */
export function referenceSlots(node: TSlotNode): TReferenceSlot[] {
  return referenceFields(node).flatMap((slot) => {
    const id = getIn(node.config, slot.field.split("."));
    return typeof id === "string" && id !== "" ? [{ ...slot, nodeId: node.id, id }] : [];
  });
}

/** A copy of the config with the slot's field set to another id (the slot came from `referenceSlots` of this config). */
export function withReference<T extends Record<string, unknown>>(config: T, field: string, id: string | null): T {
  return setIn(config, field.split("."), id) as T;
}
