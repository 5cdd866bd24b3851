import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

// Retrieval node: PostgreSQL full-text search over one of the team's knowledge bases (websearch_to_tsquery: quoted
// phrases, OR, -exclusions), best matches first (ts_rank_cd) with a highlighted snippet. Isomorphic: zod only.

export const RETRIEVAL_MATCHES = ["any", "all"] as const;
export type TRetrievalMatch = (typeof RETRIEVAL_MATCHES)[number];

export const ZRetrievalConfig = z.object({
  knowledgeBaseId: z.string().trim().min(1, "Choose a knowledge base"),
  /** `{{ }}` template, e.g. "{{ trigger.body.question }}". */
  query: z.string().trim().min(1, "Enter the search query, e.g. {{ trigger.body.question }}").max(10_000),
  /** any: documents matching any word or phrase, best first; all: web-search semantics (every word must match). */
  match: z.enum(RETRIEVAL_MATCHES).default("any"),
  topK: z.number().int().min(1).max(50).default(5),
  /** Results scoring below this (ts_rank_cd; typically 0–1, higher for dense matches) are left out. */
  minScore: z.number().min(0).nullish(),
});
export type TRetrievalConfig = z.infer<typeof ZRetrievalConfig>;

export type TRetrievalResult = { documentId: string; title: string; score: number; snippet: string; metadata: unknown };
export type TRetrievalOutput = { query: string; results: TRetrievalResult[] };

export const definition: TNodeDefinition<typeof ZRetrievalConfig> = {
  type: "ai.retrieval",
  version: 1,
  label: "Retrieval",
  category: "ai",
  icon: "search",
  description:
    "Searches a knowledge base of your team with PostgreSQL full-text search and returns the top matches with scores and highlighted snippets, ready to put in a prompt.",
  configSchema: ZRetrievalConfig,
  defaults: { knowledgeBaseId: "", query: "{{ trigger.body.question }}", match: "any", topK: 5 },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) =>
    `top ${c.topK} · ${c.match === "all" ? "all words" : "any word"}${c.minScore ? ` · score ≥ ${c.minScore}` : ""}`,
  templateFields: ["query"],
  ui: {
    knowledgeBaseId: { kind: "knowledge-base" },
    query: { kind: "template" },
    match: {
      kind: "select",
      options: [
        { value: "any", label: "Any word (best first)" },
        { value: "all", label: "All words (web search syntax)" },
      ],
    },
    topK: { kind: "number" },
    minScore: { kind: "number" },
  },
};
