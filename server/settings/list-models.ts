import type { TDb } from "../db/client";
import type { Model, Prisma } from "../db/generated/client";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { optionalId } from "../shared/query-params";
import type { TModelListItem } from "./settings.shared";

// The model catalog as Settings → Models and GET /api/models show it: every model (enabled or not) with its current
// prices and its price history, newest first.

export const MODEL_RECORD_INCLUDE = {
  provider: { select: { name: true, kind: true, isEnabled: true } },
  prices: { orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }] },
} as const satisfies Prisma.ModelInclude;

type TModelRow = Prisma.ModelGetPayload<{ include: typeof MODEL_RECORD_INCLUDE }>;

const decimal = (d: Prisma.Decimal | null) => (d === null ? null : d.toFixed());

/** A model's own settings as the API shows them (prices as exact decimal text); also what the audit trail keeps. */
export function modelSettings(m: Model) {
  return {
    providerId: m.providerId,
    name: m.name,
    displayName: m.displayName,
    inputPricePerMTok: m.inputPricePerMTok.toFixed(),
    outputPricePerMTok: m.outputPricePerMTok.toFixed(),
    cachedInputPricePerMTok: decimal(m.cachedInputPricePerMTok),
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    capabilities: m.capabilities,
    region: m.region,
    tags: m.tags,
    isEnabled: m.isEnabled,
  };
}

/** A model row (with MODEL_RECORD_INCLUDE) as the API returns it; `names` maps user ids to the names shown. */
export function modelRecord(m: TModelRow, names: ReadonlyMap<string, string>): TModelListItem {
  return {
    id: m.id,
    providerName: m.provider.name,
    providerKind: m.provider.kind,
    isProviderEnabled: m.provider.isEnabled,
    ...modelSettings(m),
    updatedAt: m.updatedAt.toISOString(),
    prices: m.prices.map((p) => ({
      inputPricePerMTok: p.inputPricePerMTok.toFixed(),
      outputPricePerMTok: p.outputPricePerMTok.toFixed(),
      cachedInputPricePerMTok: decimal(p.cachedInputPricePerMTok),
      validFrom: p.validFrom.toISOString(),
      createdByName: p.createdById ? (names.get(p.createdById) ?? null) : null,
    })),
  };
}

/** The names of the people who saved the rows' prices. */
export async function priceAuthors(db: TDb | Prisma.TransactionClient, rows: readonly TModelRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((m) => m.prices.flatMap((p) => (p.createdById ? [p.createdById] : []))))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** The model catalog with prices and their history (organisation-wide, settings:read). */
export async function listModels(db: TDb, principal: TPrincipal): Promise<TModelListItem[]> {
  assertCan(principal, "settings:read");
  const rows = await db.model.findMany({
    orderBy: [{ provider: { name: "asc" } }, { displayName: "asc" }, { id: "asc" }],
    include: MODEL_RECORD_INCLUDE,
  });
  const names = await priceAuthors(db, rows);
  return rows.map((m) => modelRecord(m, names));
}

const ZModelId = optionalId();

export const modelNotFound = () => new AppError("NOT_FOUND", "There is no model with this id (it may have been deleted).");

/** A model id from a URL as a lookup key: anything that cannot be an id (a NUL byte would fail in Postgres) is a 404. */
export function checkedModelId(modelId: string): string {
  const id = ZModelId.parse(modelId);
  if (!id) throw modelNotFound();
  return id;
}

/** One model with its price history (settings:read); 404 when there is none with this id. */
export async function getModel(db: TDb, principal: TPrincipal, modelId: string): Promise<TModelListItem> {
  assertCan(principal, "settings:read");
  const row = await db.model.findUnique({ where: { id: checkedModelId(modelId) }, include: MODEL_RECORD_INCLUDE });
  if (!row) throw modelNotFound();
  return modelRecord(row, await priceAuthors(db, [row]));
}
