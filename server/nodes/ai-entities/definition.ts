import { z } from "zod";
import { DEFAULT_NLP_ENTITY_TYPES, NLP_ENTITY_TYPES } from "../../nlp/entity-types.shared";
import { PII_KINDS } from "../../nlp/pii";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

// Entities / PII node: wink-nlp's entities (dates, money, URLs…) plus Baton's validated PII detectors (cards with a
// Luhn check, IBANs with their checksum, SSNs, phones, IPs, secrets), with optional redaction. Local: the text
// goes nowhere. Isomorphic: zod and metadata only.

export const ZEntitiesConfig = z.object({
  /** `{{ }}` template producing the text. */
  input: z.string().trim().min(1, "Enter the text to analyse, e.g. {{ trigger.body.message }}").max(100_000),
  entityTypes: z.array(z.enum(NLP_ENTITY_TYPES)).default([...DEFAULT_NLP_ENTITY_TYPES]),
  piiKinds: z.array(z.enum(PII_KINDS)).default([...PII_KINDS]),
  /** Adds `redactedText`: the text with each PII value replaced by its label ([EMAIL], [CARD]…). */
  redact: z.boolean().default(false),
});
export type TEntitiesConfig = z.infer<typeof ZEntitiesConfig>;

export const definition: TNodeDefinition<typeof ZEntitiesConfig> = {
  type: "ai.entities",
  version: 1,
  label: "Entities & PII",
  category: "ai",
  icon: "scan-text",
  description:
    "Finds dates, amounts, URLs and other entities, and personal data (emails, phones, card numbers, IBANs, SSNs, IPs, secrets) with offsets; can return the text redacted. Local: no model call.",
  configSchema: ZEntitiesConfig,
  defaults: {
    input: "{{ trigger.body.text }}",
    entityTypes: [...DEFAULT_NLP_ENTITY_TYPES],
    piiKinds: [...PII_KINDS],
    redact: false,
  },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) =>
    `${c.entityTypes.length} entity types · ${c.piiKinds.length} PII kinds${c.redact ? " · redacts" : ""}`,
  templateFields: ["input"],
  ui: {
    input: { kind: "template" },
    entityTypes: { kind: "json" },
    piiKinds: { kind: "json" },
    redact: { kind: "toggle" },
  },
};
