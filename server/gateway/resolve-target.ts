import { z } from "zod";
import type { TDb } from "../db/client";
import type { RouteStrategy } from "../db/generated/enums";
import { NodeError } from "../nodes/node-error";
import { orderTargets, unitFromKey, type TCandidate, type TWeightedCandidate } from "./route-order";

export { orderTargets, unitFromKey, type TCandidate, type TWeightedCandidate } from "./route-order";

// Turns "call this model / this route" into the ordered list of (provider, model) pairs to try. Disabled providers,
// models and routes never appear. Lookups are cached briefly per database client: a step must not pay two queries
// for facts that change a few times a month; an admin's change takes effect within TARGET_CACHE_TTL_MS.

export type TModelTarget = { modelId: string } | { routeName: string } | { modelName: string };

export const TARGET_CACHE_TTL_MS = 1000;

/** A route's stored targets (Route.targets): the models it may call, with weights for weighted routes. */
export const ZRouteTargets = z.array(z.object({ modelId: z.string().min(1), weight: z.number().min(0).optional() }).loose());

const MODEL_SELECT = {
  id: true,
  name: true,
  displayName: true,
  inputPricePerMTok: true,
  outputPricePerMTok: true,
  cachedInputPricePerMTok: true,
  region: true,
  maxOutputTokens: true,
  isEnabled: true,
  provider: {
    select: {
      id: true,
      name: true,
      kind: true,
      baseUrl: true,
      encryptedCredentials: true,
      settings: true,
      isEnabled: true,
    },
  },
} as const;

type TModelRow = TCandidate["model"] & {
  displayName: string;
  isEnabled: boolean;
  provider: TCandidate["provider"] & { isEnabled: boolean };
};

function toCandidate(row: TModelRow): TCandidate | null {
  if (!row.isEnabled || !row.provider.isEnabled) return null;
  const { isEnabled: _p, ...provider } = row.provider;
  return {
    provider,
    model: {
      id: row.id,
      name: row.name,
      inputPricePerMTok: row.inputPricePerMTok,
      outputPricePerMTok: row.outputPricePerMTok,
      cachedInputPricePerMTok: row.cachedInputPricePerMTok,
      region: row.region,
      maxOutputTokens: row.maxOutputTokens,
    },
  };
}

type TCacheEntry = { at: number; value: Promise<TResolved> };
/** `unavailable`: why nothing can be called, when the targets are empty and one reason says it better than the label. */
type TResolved = { strategy: RouteStrategy; targets: TWeightedCandidate[]; label: string; unavailable?: string };
const caches = new WeakMap<TDb, Map<string, TCacheEntry>>();

async function load(db: TDb, target: TModelTarget): Promise<TResolved> {
  if ("modelId" in target) {
    const row = await db.model.findUnique({ where: { id: target.modelId }, select: MODEL_SELECT });
    if (!row)
      throw new NodeError("INVALID_CONFIG", `Model "${target.modelId}" does not exist (it may have been deleted).`);
    return single(row);
  }
  if ("modelName" in target) {
    const rows = await db.model.findMany({
      where: { name: target.modelName },
      select: MODEL_SELECT,
      orderBy: { createdAt: "asc" },
    });
    if (rows.length === 0) throw new NodeError("INVALID_CONFIG", `No model is named "${target.modelName}".`);
    const candidates = rows.map(toCandidate).filter((c) => c !== null);
    return {
      strategy: "fallback",
      targets: candidates.map((candidate) => ({ candidate, weight: 1 })),
      label: `model "${target.modelName}"`,
    };
  }
  const route = await db.route.findUnique({ where: { name: target.routeName } });
  if (!route) throw new NodeError("INVALID_CONFIG", `No route is named "${target.routeName}".`);
  if (!route.isEnabled) throw new NodeError("INVALID_CONFIG", `Route "${route.name}" is disabled.`);
  const parsed = ZRouteTargets.safeParse(route.targets);
  if (!parsed.success)
    throw new NodeError("INVALID_CONFIG", `Route "${route.name}" has malformed targets. Routes have no Settings page yet: an administrator must correct its targets in the database (the Route table).`);
  const rows = await db.model.findMany({
    where: { id: { in: parsed.data.map((t) => t.modelId) } },
    select: MODEL_SELECT,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const targets: TWeightedCandidate[] = [];
  for (const t of parsed.data) {
    const row = byId.get(t.modelId);
    const candidate = row ? toCandidate(row) : null;
    if (candidate) targets.push({ candidate, weight: t.weight ?? 1 });
  }
  return { strategy: route.strategy, targets, label: `route "${route.name}"` };
}

/** A node that names one model: when it cannot be called, the error names the model and the setting to change. */
function single(row: TModelRow): TResolved {
  const candidate = toCandidate(row);
  if (candidate) return { strategy: "fallback", targets: [{ candidate, weight: 1 }], label: `model "${row.name}"` };
  const model = `The model "${row.displayName}" (${row.name})`;
  const unavailable = row.isEnabled
    ? `${model} cannot be called: its provider "${row.provider.name}" is disabled in Settings → Providers.`
    : `${model} is disabled in Settings → Models: enable it there, or choose another model for this node.`;
  return { strategy: "fallback", targets: [], label: `model "${row.name}"`, unavailable };
}

function cached(db: TDb, target: TModelTarget): Promise<TResolved> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = JSON.stringify(target);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TARGET_CACHE_TTL_MS) return hit.value;
  const value = load(db, target);
  cache.set(key, { at: Date.now(), value });
  // A failed lookup (e.g. a database hiccup) must not be served from the cache.
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets cached lookups (tests, and admin changes that must apply at once). */
export function clearTargetCache(db: TDb): void {
  caches.delete(db);
}

/** The candidates to try, in order; INVALID_CONFIG when nothing enabled is left to call. */
export async function resolveTarget(
  db: TDb,
  target: TModelTarget,
  options: { routingKey?: string } = {},
): Promise<TCandidate[]> {
  const resolved = await cached(db, target);
  if (resolved.targets.length === 0) {
    throw new NodeError(
      "INVALID_CONFIG",
      resolved.unavailable ??
        `Nothing to call for ${resolved.label}: its models or their providers are disabled (Settings → Models, Settings → Providers).`,
    );
  }
  return orderTargets(resolved.strategy, resolved.targets, unitFromKey(options.routingKey ?? JSON.stringify(target)));
}
