import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { ProviderKind } from "../db/generated/enums";
import { MODEL_CATALOG, type TCatalogProviderKind } from "../gateway/catalog";
import { findKnownModel, vendorOfProviderKind } from "../gateway/price-catalog.shared";
import { SANDBOX_DEMO_SETTINGS, SANDBOX_LABEL } from "../gateway/sandbox.shared";
import { recordPrice } from "../models/manage-models";
import type { TSeedCounts } from "./counts";

// Providers and models are create-only: an admin may enable a provider, add keys, tune the Sandbox or edit a price,
// and `npm start` seeds on every start, so a re-run must never put catalog values back. Models missing from the
// database (a catalog that grew with an upgrade) are added, each with its first price row and, for vendors' models,
// the cached-input price of the shipped price catalog (price-catalog.shared.ts).

const PROVIDERS: {
  name: string;
  kind: TCatalogProviderKind & ProviderKind;
  isEnabled: boolean;
  settings: Prisma.InputJsonObject;
}[] = [
  { name: SANDBOX_LABEL, kind: "sandbox", isEnabled: true, settings: SANDBOX_DEMO_SETTINGS },
  // Real vendors start disabled and without credentials: their models and prices are visible, nothing is called.
  { name: "OpenAI", kind: "openai", isEnabled: false, settings: {} },
  { name: "Anthropic", kind: "anthropic", isEnabled: false, settings: {} },
  { name: "Google", kind: "google", isEnabled: false, settings: {} },
];

export type TCatalogIds = { providerIds: Record<string, string>; modelIds: Record<string, string> };

export async function seedCatalog(db: TDb, counts: TSeedCounts, adminId: string): Promise<TCatalogIds> {
  const providerIds: Record<string, string> = {};
  for (const p of PROVIDERS) {
    const existing = await db.provider.findUnique({ where: { name: p.name }, select: { id: true } });
    providerIds[p.kind] =
      existing?.id ?? (await db.provider.create({ data: { ...p, createdById: adminId }, select: { id: true } })).id;
    if (!existing) counts.providers += 1;
  }

  const modelIds: Record<string, string> = {};
  const existing = await db.model.findMany({ select: { id: true, providerId: true, name: true } });
  const known = new Map(existing.map((m) => [`${m.providerId}/${m.name}`, m.id]));
  for (const m of MODEL_CATALOG) {
    const providerId = providerIds[m.provider];
    if (!providerId) continue;
    const id = known.get(`${providerId}/${m.name}`);
    if (id) {
      modelIds[m.name] = id;
      continue;
    }
    const { provider: kind, inputPricePerMTok, outputPricePerMTok, ...fields } = m;
    const cached = findKnownModel(m.name, vendorOfProviderKind(kind))?.cachedInputPricePerMTok ?? null;
    const created = await db.$transaction(async (tx) => {
      const row = await tx.model.create({
        data: {
          ...fields,
          providerId,
          inputPricePerMTok: new Prisma.Decimal(inputPricePerMTok),
          outputPricePerMTok: new Prisma.Decimal(outputPricePerMTok),
          cachedInputPricePerMTok: cached === null ? null : new Prisma.Decimal(cached),
          createdById: adminId,
        },
      });
      // A model's price history starts with the prices it was added with, as when an admin adds one.
      await recordPrice(tx, row, row.createdAt, adminId);
      return row;
    });
    modelIds[m.name] = created.id;
    counts.models += 1;
  }
  return { providerIds, modelIds };
}

export async function seedRoutes(
  db: TDb,
  counts: TSeedCounts,
  modelIds: Record<string, string>,
  adminId: string,
): Promise<void> {
  const target = (name: string, weight?: number) => ({
    modelId: modelIds[name] ?? name,
    ...(weight ? { weight } : {}),
  });
  const routes = [
    {
      name: "default-chat",
      description: "General chat: the smart Sandbox model, falling back to the fast one when it fails.",
      strategy: "fallback" as const,
      targets: [target("sandbox-smart"), target("sandbox-fast")],
    },
    {
      name: "cheap-classify",
      description: "Classification and extraction: whichever target is cheapest per token.",
      strategy: "lowest_cost" as const,
      targets: [target("sandbox-fast"), target("sandbox-smart")],
    },
  ];
  for (const route of routes) {
    const existing = await db.route.findUnique({ where: { name: route.name }, select: { id: true } });
    if (existing) continue;
    await db.route.create({ data: { ...route, createdById: adminId } });
    counts.routes += 1;
  }
}
