// Adding, changing, disabling and deleting models (Settings → Models, /api/models): organisation admins only
// (settings:write). Every change is one transaction with its audit event (before and after); a price change also
// appends a ModelPrice row valid from the save, and applies to calls at once in this process (the gateway's target
// cache is cleared) and within TARGET_CACHE_TTL_MS in the others. Past steps keep the cost they were charged.
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import { Prisma, type Model } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { clearTargetCache } from "../gateway/resolve-target";
import { checkedModelId, MODEL_RECORD_INCLUDE, modelNotFound, modelRecord, modelSettings, priceAuthors } from "../settings/list-models";
import type { TModelListItem } from "../settings/settings.shared";
import { principalActor } from "../auth/actor";
import { limitsProblem, PRICE_FIELDS, ZModelCreate, ZModelPatch } from "./model-input.shared";
import { findModelUses } from "./model-usage";
import { countUses } from "./model-usage.shared";

type TTx = Prisma.TransactionClient;

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION", "Some fields are missing or invalid.", { issues: [{ path, message }] });

const duplicate = (providerName: string, name: string) =>
  new AppError("CONFLICT", `The provider "${providerName}" already has a model with the id "${name}". Edit that model instead.`);

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** What the audit trail records of a model (before and after a change). */
function auditable(m: Model, providerName: string) {
  return { provider: providerName, ...modelSettings(m) };
}

async function record(tx: TTx, id: string): Promise<TModelListItem> {
  const row = await tx.model.findUniqueOrThrow({ where: { id }, include: MODEL_RECORD_INCLUDE });
  return modelRecord(row, await priceAuthors(tx, [row]));
}

/** The row as it is now, locked until the transaction ends (two admins changing one model take turns). */
async function lockedModel(tx: TTx, modelId: string): Promise<Model & { provider: { name: string } }> {
  const id = checkedModelId(modelId);
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Model" WHERE "id" = ${id} FOR UPDATE`;
  const row = locked.length > 0 ? await tx.model.findUnique({ where: { id }, include: { provider: { select: { name: true } } } }) : null;
  if (!row) throw modelNotFound();
  return row;
}

async function assertFreeName(tx: TTx, providerId: string, name: string, providerName: string, exceptId?: string) {
  const taken = await tx.model.findFirst({ where: { providerId, name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw duplicate(providerName, name);
}

async function withUniqueCheck<T>(run: () => Promise<T>, onDuplicate: () => AppError): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // Two saves of the same id at once: the unique index decides, the loser gets the same answer as a plain duplicate.
    if (isUniqueViolation(error)) throw onDuplicate();
    throw error;
  }
}

export async function createModel(db: TDb, principal: TPrincipal, body: unknown): Promise<TModelListItem> {
  assertCan(principal, "settings:write");
  const input = parseOrThrow(ZModelCreate, body);
  let providerName = "";
  const created = await withUniqueCheck(
    () =>
      db.$transaction(async (tx) => {
        const provider = await tx.provider.findUnique({ where: { id: input.providerId }, select: { id: true, name: true } });
        if (!provider) throw invalid("providerId", `No provider has the id ${input.providerId}.`);
        providerName = provider.name;
        await assertFreeName(tx, provider.id, input.name, provider.name);
        const now = new Date();
        const row = await tx.model.create({
          data: {
            providerId: provider.id,
            name: input.name,
            displayName: input.displayName,
            inputPricePerMTok: input.inputPricePerMTok,
            outputPricePerMTok: input.outputPricePerMTok,
            cachedInputPricePerMTok: input.cachedInputPricePerMTok ?? null,
            contextWindow: input.contextWindow,
            maxOutputTokens: input.maxOutputTokens ?? null,
            capabilities: input.capabilities ?? [],
            region: input.region ?? null,
            tags: input.tags ?? [],
            isEnabled: input.isEnabled ?? true,
            createdAt: now,
            createdById: principal.id,
            updatedById: principal.id,
          },
        });
        await recordPrice(tx, row, now, principal.id);
        await appendAudit(tx, {
          actor: principalActor(principal),
          action: "model.created",
          resource: { type: "model", id: row.id },
          data: { before: null, after: auditable(row, provider.name) },
        });
        return record(tx, row.id);
      }),
    () => duplicate(providerName, input.name),
  );
  clearTargetCache(db);
  return created;
}

/** Appends the model's current prices to its history, valid from `at`. The one place price rows are written. */
export async function recordPrice(tx: TTx, m: Model, at: Date, byId: string | null): Promise<void> {
  await tx.modelPrice.create({
    data: {
      modelId: m.id,
      inputPricePerMTok: m.inputPricePerMTok,
      outputPricePerMTok: m.outputPricePerMTok,
      cachedInputPricePerMTok: m.cachedInputPricePerMTok,
      validFrom: at,
      createdById: byId,
    },
  });
}

const samePrice = (a: Prisma.Decimal | null, b: Prisma.Decimal | null) => (a === null || b === null ? a === b : a.equals(b));

/** Changes the fields given (PATCH); the same values again change nothing and write no audit event. */
export async function updateModel(db: TDb, principal: TPrincipal, modelId: string, body: unknown): Promise<TModelListItem> {
  assertCan(principal, "settings:write");
  const input = parseOrThrow(ZModelPatch, body);
  let providerName = "";
  const updated = await withUniqueCheck(
    () =>
      db.$transaction(async (tx) => {
        const before = await lockedModel(tx, modelId);
        providerName = before.provider.name;
        const prices = {
          inputPricePerMTok: input.inputPricePerMTok === undefined ? before.inputPricePerMTok : new Prisma.Decimal(input.inputPricePerMTok),
          outputPricePerMTok: input.outputPricePerMTok === undefined ? before.outputPricePerMTok : new Prisma.Decimal(input.outputPricePerMTok),
          cachedInputPricePerMTok:
            input.cachedInputPricePerMTok === undefined
              ? before.cachedInputPricePerMTok
              : input.cachedInputPricePerMTok === null
                ? null
                : new Prisma.Decimal(input.cachedInputPricePerMTok),
        };
        const next = {
          name: input.name ?? before.name,
          displayName: input.displayName ?? before.displayName,
          contextWindow: input.contextWindow ?? before.contextWindow,
          maxOutputTokens: input.maxOutputTokens === undefined ? before.maxOutputTokens : input.maxOutputTokens,
          capabilities: input.capabilities ?? before.capabilities,
          region: input.region === undefined ? before.region : input.region,
          tags: input.tags ?? before.tags,
          isEnabled: input.isEnabled ?? before.isEnabled,
        };
        const limits = limitsProblem(next.contextWindow, next.maxOutputTokens);
        if (limits) throw invalid(input.maxOutputTokens === undefined ? "contextWindow" : "maxOutputTokens", limits);
        if (next.name !== before.name) await assertFreeName(tx, before.providerId, next.name, before.provider.name, before.id);

        const isPriceChanged = PRICE_FIELDS.some((f) => !samePrice(prices[f], before[f]));
        const isChanged =
          isPriceChanged ||
          (Object.keys(next) as (keyof typeof next)[]).some((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
        if (!isChanged) return record(tx, before.id);

        const now = new Date();
        const row = await tx.model.update({ where: { id: before.id }, data: { ...next, ...prices, updatedById: principal.id } });
        if (isPriceChanged) await recordPrice(tx, row, now, principal.id);
        await appendAudit(tx, {
          actor: principalActor(principal),
          action: "model.updated",
          resource: { type: "model", id: row.id },
          data: { before: auditable(before, before.provider.name), after: auditable(row, before.provider.name) },
        });
        return record(tx, row.id);
      }),
    () => duplicate(providerName, input.name ?? ""),
  );
  clearTargetCache(db);
  return updated;
}

/**
 * Deletes a model nothing uses (workflows, routes, budgets: model-usage.ts), with its price history; otherwise a 409
 * whose details.usedBy lists what uses it. Steps and ledger rows that called it keep its name and their cost.
 */
export async function deleteModel(db: TDb, principal: TPrincipal, modelId: string): Promise<void> {
  assertCan(principal, "settings:write");
  await db.$transaction(async (tx) => {
    const before = await lockedModel(tx, modelId);
    const uses = await findModelUses(tx, before);
    if (uses.length > 0) {
      throw new AppError(
        "CONFLICT",
        `The model "${before.displayName}" (${before.name}) is in use, so it cannot be deleted: ${countUses(uses)} use it. ` +
          "Change them first, or disable the model instead.",
        { details: { usedBy: uses } },
      );
    }
    await tx.model.delete({ where: { id: before.id } });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "model.deleted",
      resource: { type: "model", id: before.id },
      data: { before: auditable(before, before.provider.name), after: null },
    });
  });
  clearTargetCache(db);
}
