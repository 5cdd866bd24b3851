// Isomorphic: what uses a model, as a refused delete lists it (the API's 409 details.usedBy and the UI's list).

export type TModelUseKind = "workflow" | "route" | "budget";

export type TModelUse = {
  kind: TModelUseKind;
  id: string;
  name: string;
  /** Where or how it uses the model, e.g. 'team Risk, the published version 3 (node "summarise")'. */
  detail: string;
};

const NOUNS: Record<TModelUseKind, [string, string]> = {
  workflow: ["workflow", "workflows"],
  route: ["route", "routes"],
  budget: ["budget", "budgets"],
};

export const USE_KIND_LABELS: Record<TModelUseKind, string> = { workflow: "Workflow", route: "Route", budget: "Budget" };

/** "2 workflows, 1 route and 1 budget". */
export function countUses(uses: readonly TModelUse[]): string {
  const parts = (Object.keys(NOUNS) as TModelUseKind[]).flatMap((kind) => {
    const n = uses.filter((u) => u.kind === kind).length;
    return n === 0 ? [] : [`${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`];
  });
  return parts.length <= 1 ? (parts[0] ?? "nothing") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
