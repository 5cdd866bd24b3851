// Settings → Providers: organisation admins add, change, disable and delete model providers. Credentials are
// write-only (encrypted with BATON_SECRET_KEY, shown masked, replaced whole); a base URL given is checked against the
// outbound guard when it is saved; a provider still in use is not deleted. Every change is audited with what was
// before and after (credentials masked), in the transaction that makes it, and applies to model calls in this process
// at once (the target cache is cleared) and in the others within a second.
import { principalActor } from "../auth/actor";
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { encryptSecret } from "../crypto/secret-box";
import type { TDb } from "../db/client";
import { Prisma, type Provider } from "../db/generated/client";
import type { ProviderKind } from "../db/generated/enums";
import { AppError, parseOrThrow } from "../errors";
import { ZProviderCreate, ZProviderPatch, providerKindSchema, type TProviderKind } from "../gateway/provider-kinds.shared";
import { clearTargetCache } from "../gateway/resolve-target";
import { isNodeError } from "../nodes/node-error";
import { checkOutboundUrl } from "../net/outbound-guard";
import { loadOutboundSettings } from "../net/outbound-settings";
import { auditableProvider, providerView } from "./provider-view";
import { describeUsage, providerUsage } from "./provider-usage";
import type { TProviderView } from "./providers.shared";

type TTx = Prisma.TransactionClient;

// Every kind Baton validates is a kind the database stores, and the other way round.
const _kinds: [TProviderKind, ProviderKind] extends [ProviderKind, TProviderKind] ? true : never = true;

const actorOf = principalActor;
const invalid = (path: string, message: string) => new AppError("VALIDATION", "Some fields are missing or invalid.", { issues: [{ path, message }] });

export async function listProviders(db: TDb, principal: TPrincipal): Promise<TProviderView[]> {
  assertCan(principal, "settings:read");
  const rows = await db.provider.findMany({ orderBy: [{ name: "asc" }], include: { _count: { select: { models: true } } } });
  return rows.map((r) => providerView(r, r._count.models));
}

async function findProvider(db: TDb | TTx, id: string): Promise<Provider> {
  const row = await db.provider.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", "No provider has this id (it may have been deleted).");
  return row;
}

export async function getProvider(db: TDb, principal: TPrincipal, id: string): Promise<TProviderView> {
  assertCan(principal, "settings:read");
  const row = await findProvider(db, id);
  return providerView(row, await db.model.count({ where: { providerId: id } }));
}

/**
 * A base URL must be one the outbound guard lets through now: a private address is refused unless the organisation
 * allows private networks, a name must resolve, and the organisation's allowed hosts apply.
 */
async function assertBaseUrlAllowed(db: TDb, baseUrl: string): Promise<void> {
  const settings = await loadOutboundSettings(db);
  try {
    await checkOutboundUrl(baseUrl, { ...settings, nodeAllowedHosts: [] });
  } catch (error) {
    if (isNodeError(error)) throw invalid("baseUrl", error.message);
    throw error;
  }
}

async function assertNameFree(db: TDb | TTx, name: string, exceptId?: string): Promise<void> {
  const other = await db.provider.findFirst({ where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (other) throw nameTaken(name);
}

const nameTaken = (name: string) =>
  new AppError("CONFLICT", `A provider named "${name}" already exists.`, { issues: [{ path: "name", message: `A provider named "${name}" already exists.` }] });

/** The ciphertext to store for validated credentials (empty fields dropped); null when nothing is left. */
function sealCredentials(credentials: Record<string, string | undefined> | null | undefined): string | null {
  const fields = Object.fromEntries(Object.entries(credentials ?? {}).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  return Object.keys(fields).length > 0 ? encryptSecret(fields) : null;
}

function rethrowUnique(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
  throw error;
}

export async function createProvider(db: TDb, principal: TPrincipal, body: unknown): Promise<TProviderView> {
  assertCan(principal, "settings:write");
  const input = parseOrThrow(ZProviderCreate, body);
  await assertNameFree(db, input.name);
  if (input.baseUrl) await assertBaseUrlAllowed(db, input.baseUrl);
  const created = await db
    .$transaction(async (tx) => {
      const row = await tx.provider.create({
        data: {
          name: input.name,
          kind: input.kind,
          baseUrl: input.baseUrl ?? null,
          isEnabled: input.isEnabled ?? true,
          settings: (input.settings ?? {}) as Prisma.InputJsonObject,
          encryptedCredentials: sealCredentials(input.credentials),
          createdById: principal.id,
          updatedById: principal.id,
        },
      });
      await appendAudit(tx, {
        actor: actorOf(principal),
        action: "provider.created",
        resource: { type: "provider", id: row.id },
        data: { before: null, after: auditableProvider(row) },
      });
      return row;
    })
    .catch((error: unknown) => rethrowUnique(error, input.name));
  clearTargetCache(db);
  return providerView(created, 0);
}

/** Changes a provider (its kind stays). Credentials left out are kept; given, they replace the stored ones whole. */
export async function updateProvider(db: TDb, principal: TPrincipal, id: string, body: unknown): Promise<TProviderView> {
  assertCan(principal, "settings:write");
  const patch = parseOrThrow(ZProviderPatch, body);
  const current = await findProvider(db, id);
  const kind = current.kind as TProviderKind;
  const isCredentialKept = patch.credentials === undefined;
  const next = parseOrThrow(providerKindSchema(kind, { isCredentialKept }), {
    kind,
    name: patch.name ?? current.name,
    isEnabled: patch.isEnabled ?? current.isEnabled,
    baseUrl: patch.baseUrl !== undefined ? patch.baseUrl : current.baseUrl,
    settings: patch.settings ?? current.settings,
    ...(isCredentialKept ? {} : { credentials: patch.credentials }),
  });
  if (next.name !== current.name) await assertNameFree(db, next.name, id);
  const baseUrl = next.baseUrl ?? null;
  if (baseUrl && baseUrl !== current.baseUrl) await assertBaseUrlAllowed(db, baseUrl);
  const updated = await db
    .$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Provider" WHERE "id" = ${id} FOR UPDATE`;
      if (locked.length === 0) throw new AppError("NOT_FOUND", "This provider was deleted meanwhile.");
      const before = await findProvider(tx, id);
      const row = await tx.provider.update({
        where: { id },
        data: {
          name: next.name,
          baseUrl,
          isEnabled: next.isEnabled ?? before.isEnabled,
          settings: (next.settings ?? {}) as Prisma.InputJsonObject,
          ...(isCredentialKept ? {} : { encryptedCredentials: sealCredentials(next.credentials) }),
          updatedById: principal.id,
        },
      });
      await appendAudit(tx, {
        actor: actorOf(principal),
        action: "provider.updated",
        resource: { type: "provider", id },
        data: { before: auditableProvider(before), after: auditableProvider(row), isCredentialReplaced: !isCredentialKept },
      });
      return row;
    })
    .catch((error: unknown) => rethrowUnique(error, next.name));
  clearTargetCache(db);
  return providerView(updated, await db.model.count({ where: { providerId: id } }));
}

/** Deletes a provider nothing uses; otherwise 409 with what uses it (details.usage). */
export async function deleteProvider(db: TDb, principal: TPrincipal, id: string): Promise<void> {
  assertCan(principal, "settings:write");
  await findProvider(db, id);
  await db
    .$transaction(async (tx) => {
      // Locked: a model added meanwhile (its foreign key needs this row) waits for the deletion, then fails.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Provider" WHERE "id" = ${id} FOR UPDATE`;
      if (locked.length === 0) throw new AppError("NOT_FOUND", "This provider was deleted meanwhile.");
      const before = await findProvider(tx, id);
      const usage = await providerUsage(tx, id);
      if (usage.models.length > 0) {
        throw new AppError(
          "CONFLICT",
          `Provider "${before.name}" is in use: ${describeUsage(usage)}. Remove those first, or disable the provider instead.`,
          { details: { usage } },
        );
      }
      await tx.provider.delete({ where: { id } });
      await appendAudit(tx, {
        actor: actorOf(principal),
        action: "provider.deleted",
        resource: { type: "provider", id },
        data: { before: auditableProvider(before), after: null },
      });
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
        throw new AppError("CONFLICT", "A model was added to this provider meanwhile: it is in use. Try again to see what uses it.");
      }
      throw error;
    });
  clearTargetCache(db);
}
