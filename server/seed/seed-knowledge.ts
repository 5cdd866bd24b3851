import type { TDb } from "../db/client";
import type { TSeedCounts } from "./counts";
import { HELP_CENTRE, HELP_CENTRE_DOCS } from "./knowledge-docs";
import type { TPeople } from "./seed-people";

// Documents have no natural unique key, so a document counts as present when its knowledge base already has one
// with the same title; only missing titles are inserted.
export async function seedKnowledge(db: TDb, counts: TSeedCounts, people: TPeople): Promise<string> {
  const teamId = people.teamIds["customer-care"];
  const createdById = people.userIds.builder;
  let kb = await db.knowledgeBase.findUnique({
    where: { teamId_name: { teamId, name: HELP_CENTRE.name } },
    select: { id: true },
  });
  if (!kb) {
    kb = await db.knowledgeBase.create({ data: { teamId, ...HELP_CENTRE, createdById }, select: { id: true } });
    counts.knowledgeBases += 1;
  }
  const existing = await db.document.findMany({ where: { knowledgeBaseId: kb.id }, select: { title: true } });
  const present = new Set(existing.map((d) => d.title));
  const missing = HELP_CENTRE_DOCS.filter((d) => !present.has(d.title));
  if (missing.length > 0) {
    const knowledgeBaseId = kb.id;
    await db.document.createMany({
      data: missing.map((d) => ({
        knowledgeBaseId,
        title: d.title,
        content: d.content,
        metadata: { category: d.category, source: "seed" },
        createdById,
      })),
    });
    counts.documents += missing.length;
  }
  return kb.id;
}
