// A model is named in templates and exported workflows, while a graph holds its id. Several providers may offer a
// model of the same name: the one a graph gets is the oldest that can be called (enabled, with an enabled provider),
// else the oldest — the order in which the gateway tries the models of one name.
import type { TDb } from "../db/client";

export async function modelIdsByName(db: TDb, names?: readonly string[]): Promise<Map<string, string>> {
  if (names?.length === 0) return new Map();
  const models = await db.model.findMany({
    where: names ? { name: { in: [...names] } } : undefined,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, isEnabled: true, provider: { select: { isEnabled: true } } },
  });
  const isUsable = (m: (typeof models)[number]) => m.isEnabled && m.provider.isEnabled;
  const ids = new Map<string, string>();
  // The sort is stable: among usable (or unusable) models the oldest stays first.
  for (const m of [...models].sort((a, b) => Number(isUsable(b)) - Number(isUsable(a)))) {
    if (!ids.has(m.name)) ids.set(m.name, m.id);
  }
  return ids;
}
