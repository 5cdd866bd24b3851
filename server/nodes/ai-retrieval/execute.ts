import { renderTemplate } from "../../engine/templates";
import type { TExecutor } from "../execute-types";
import { NodeError } from "../node-error";
import type { TRetrievalConfig, TRetrievalOutput } from "./definition";
import { searchDocuments } from "./search-documents";

export const execute: TExecutor<TRetrievalConfig> = async (ctx) => {
  const { config, services } = ctx;
  // A knowledge base of another team is reported exactly like a missing one: its existence is not ours to reveal.
  const knowledgeBase = await services.db.knowledgeBase.findFirst({
    where: { id: config.knowledgeBaseId, teamId: ctx.scope.run.teamId },
    select: { id: true },
  });
  if (!knowledgeBase) {
    throw new NodeError(
      "INVALID_CONFIG",
      `Node "${ctx.nodeId}": knowledge base "${config.knowledgeBaseId}" does not exist in this workflow's team.`,
    );
  }
  const query = (await renderTemplate(config.query, ctx.scope, { nodeId: ctx.nodeId, field: "query" })).trim();
  const output: TRetrievalOutput = {
    query,
    results: query
      ? await searchDocuments(services.db, {
          knowledgeBaseId: knowledgeBase.id,
          query,
          match: config.match,
          topK: config.topK,
          minScore: config.minScore ?? 0,
        })
      : [],
  };
  return { kind: "done", output };
};
