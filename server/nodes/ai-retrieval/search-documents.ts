import type { TDb } from "../../db/client";
import type { TRetrievalMatch, TRetrievalResult } from "./definition";

// Full-text search over Document."searchVector" (a generated tsvector column with a GIN index, not in the Prisma
// client). Only the top K rows get a ts_headline: it re-parses the document, which is the expensive part.

const HEADLINE_OPTIONS = 'MaxFragments=2, MaxWords=35, MinWords=12, FragmentDelimiter=" … ", StartSel=**, StopSel=**';

/**
 * websearch_to_tsquery ANDs every word, so a question ("How do I get a refund?") only finds documents containing
 * "get" too. In "any" mode the words and "quoted phrases" are ORed instead (ts_rank_cd still ranks documents that
 * match more of them higher) and -exclusions still exclude. "all" mode passes the query through unchanged.
 */
export function splitQuery(query: string, match: TRetrievalMatch): { positive: string; negative: string } {
  if (match === "all") return { positive: query, negative: "" };
  const positive: string[] = [];
  const negative: string[] = [];
  for (const m of query.matchAll(/(-?)"([^"]*)"?|(-?)([^\s"]+)/g)) {
    const isNegated = (m[1] ?? m[3]) === "-";
    const term = m[2] !== undefined ? `"${m[2]}"` : (m[4] ?? "");
    if (term === "" || term === '""' || /^or$/i.test(term)) continue;
    (isNegated ? negative : positive).push(term);
  }
  return { positive: positive.join(" OR "), negative: negative.join(" OR ") };
}

type TRow = { id: string; title: string; metadata: unknown; score: number; snippet: string };

export async function searchDocuments(
  db: TDb,
  args: { knowledgeBaseId: string; query: string; match: TRetrievalMatch; topK: number; minScore: number },
): Promise<TRetrievalResult[]> {
  const { positive, negative } = splitQuery(args.query, args.match);
  const rows = await db.$queryRaw<TRow[]>`
    SELECT ranked.id, ranked.title, ranked.metadata, ranked.score,
           ts_headline('english', d.content, ranked.q, ${HEADLINE_OPTIONS}) AS snippet
    FROM (
      SELECT doc.id, doc.title, doc.metadata, search.q, ts_rank_cd(doc."searchVector", search.q)::float8 AS score
      FROM "Document" doc,
           (SELECT CASE WHEN ${negative} = '' THEN websearch_to_tsquery('english', ${positive})
                        ELSE websearch_to_tsquery('english', ${positive}) && !! websearch_to_tsquery('english', ${negative})
                   END AS q) AS search
      WHERE doc."knowledgeBaseId" = ${args.knowledgeBaseId}
        AND doc."searchVector" @@ search.q
        AND ts_rank_cd(doc."searchVector", search.q) >= ${args.minScore}
      ORDER BY score DESC, doc.id
      LIMIT ${args.topK}
    ) AS ranked
    JOIN "Document" d ON d.id = ranked.id
    ORDER BY ranked.score DESC, ranked.id`;
  return rows.map((r) => ({
    documentId: r.id,
    title: r.title,
    score: Math.round(Number(r.score) * 1_000_000) / 1_000_000,
    snippet: r.snippet,
    metadata: r.metadata,
  }));
}
