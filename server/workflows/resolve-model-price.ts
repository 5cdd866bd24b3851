// Which model (and so which prices) a node's model reference would use, for cost estimates. A route is estimated with
// its primary model: the first for fallback and lowest-latency routes, the cheapest for lowest-cost routes, the
// heaviest for weighted routes; when its enabled models are priced differently the estimate says so.
import type { TDb } from "../db/client";
import { ZRouteTargets } from "../gateway/resolve-target";
import type { Prisma } from "../db/generated/client";
import type { TModelRef } from "../nodes/ai-llm/definition";

export type TPricedModel = {
  name: string;
  displayName: string;
  inputPricePerMTok: Prisma.Decimal;
  outputPricePerMTok: Prisma.Decimal;
};

export type TResolvedPrice = { model: TPricedModel; caveat: string | null } | { model: null; caveat: string };

const MODEL_SELECT = {
  id: true,
  name: true,
  displayName: true,
  inputPricePerMTok: true,
  outputPricePerMTok: true,
  isEnabled: true,
  provider: { select: { isEnabled: true } },
} as const;

const priceKey = (m: TPricedModel) => `${m.inputPricePerMTok.toFixed()}/${m.outputPricePerMTok.toFixed()}`;
const total = (m: TPricedModel) => m.inputPricePerMTok.plus(m.outputPricePerMTok);

/** Resolves each distinct reference once per estimate. */
export function createPriceResolver(db: TDb) {
  const cache = new Map<string, Promise<TResolvedPrice>>();
  return (nodeId: string, ref: TModelRef): Promise<TResolvedPrice> => {
    const key = JSON.stringify(ref);
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = resolve(db, ref)));
    return hit.then((r) => ({ ...r, caveat: r.caveat?.replace("{node}", nodeId) ?? null }) as TResolvedPrice);
  };
}

async function resolve(db: TDb, ref: TModelRef): Promise<TResolvedPrice> {
  if (ref.kind === "model") {
    const row = await db.model.findUnique({ where: { id: ref.modelId }, select: MODEL_SELECT });
    if (!row) return { model: null, caveat: `Node "{node}": its model does not exist, so its cost is not counted.` };
    const isUsable = row.isEnabled && row.provider.isEnabled;
    return { model: row, caveat: isUsable ? null : `Node "{node}": the model "${row.displayName}" is disabled; estimated at its list price.` };
  }
  const route = await db.route.findUnique({ where: { name: ref.routeName } });
  if (!route) return { model: null, caveat: `Node "{node}": there is no route named "${ref.routeName}", so its cost is not counted.` };
  // The gateway refuses calls through a disabled route: such a node costs nothing, it fails.
  if (!route.isEnabled) {
    return { model: null, caveat: `Node "{node}": the route "${route.name}" is disabled, so its calls would be refused; its cost is not counted.` };
  }
  const targets = ZRouteTargets.safeParse(route.targets);
  const list = targets.success ? targets.data : [];
  const rows = await db.model.findMany({ where: { id: { in: list.map((t) => t.modelId) } }, select: MODEL_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const usable = list.flatMap((t) => {
    const row = byId.get(t.modelId);
    return row && row.isEnabled && row.provider.isEnabled ? [{ model: row, weight: t.weight ?? 1 }] : [];
  });
  if (usable.length === 0) {
    return { model: null, caveat: `Node "{node}": the route "${route.name}" has no enabled model, so its cost is not counted.` };
  }
  let primary = usable[0]!;
  for (const candidate of usable) {
    if (route.strategy === "lowest_cost" && total(candidate.model).lessThan(total(primary.model))) primary = candidate;
    if (route.strategy === "weighted" && candidate.weight > primary.weight) primary = candidate;
  }
  const prices = new Set(usable.map((c) => priceKey(c.model)));
  const caveat =
    prices.size > 1
      ? `Node "{node}": the route "${route.name}" (${route.strategy.replace("_", " ")}) may call models priced differently ` +
        `(${[...prices].map((p) => `$${p}`).join(", ")} per 1M tokens in/out); estimated with its primary model "${primary.model.displayName}".`
      : null;
  return { model: primary.model, caveat };
}
