// Isomorphic: the JSON document a workflow is exported as and imported from (a versioned envelope).
//
//   { format: "baton.workflow", formatVersion: 1, exportedAt, workflow: { name, description, tags, graph },
//     references: [{ nodeId, kind, field, name }] }
//
// The graph is the draft. It never carries secrets: the webhook secret is not part of it, and credential ids are
// replaced by null, the credential being named in `references` instead. Ids of models and knowledge bases are kept
// (they are not secrets) and named in `references` too: an import re-links all three by name in the team it
// imports into, and leaves what that team does not have for the person to fix in the editor.
import { z } from "zod";

export const WORKFLOW_DOCUMENT_FORMAT = "baton.workflow";
export const WORKFLOW_DOCUMENT_VERSION = 1;

export const REFERENCE_KINDS = ["credential", "model", "knowledgeBase"] as const;
export type TReferenceKind = (typeof REFERENCE_KINDS)[number];

export const ZDocumentReference = z.object({
  nodeId: z.string().min(1).max(64),
  kind: z.enum(REFERENCE_KINDS),
  /** The config field holding the id, e.g. "credentialId", "model.modelId", "knowledgeBaseId". */
  field: z.string().min(1).max(100),
  /** The record's name, unique in a team (credentials, knowledge bases) or in the model catalog. */
  name: z.string().min(1).max(200),
});
export type TDocumentReference = z.infer<typeof ZDocumentReference>;

export const ZWorkflowDocument = z.object({
  format: z.literal(WORKFLOW_DOCUMENT_FORMAT),
  formatVersion: z.literal(WORKFLOW_DOCUMENT_VERSION),
  exportedAt: z.string().max(64).optional(),
  workflow: z.object({
    name: z.string().trim().min(1, "The workflow in the file has no name").max(120),
    description: z.string().trim().max(2000).default(""),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    /** Checked by the graph validator, which lists every problem. */
    graph: z.unknown(),
  }),
  references: z.array(ZDocumentReference).max(2000).default([]),
});
export type TWorkflowDocument = z.output<typeof ZWorkflowDocument>;
