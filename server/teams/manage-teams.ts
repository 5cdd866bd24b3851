// Settings → Teams: creating teams and archiving or restoring them (organisation admins), renaming and describing them
// (their admins too). Names are unique whatever their case; slugs are unique and never change. Every change is
// audited with what was before and after, in the transaction that makes it.
import { appendAudit } from "../audit/append";
import { assertCan, can, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import type { Prisma, Team } from "../db/generated/client";
import { clearEventListenerCache } from "../engine/event-triggers";
import { AppError, parseOrThrow } from "../errors";
import { slugFromName, ZTeamCreate, ZTeamUpdate } from "./team-input.shared";
import type { TTeamDetail, TTeamRecord } from "./teams.shared";

type TTx = Prisma.TransactionClient;

export function teamRecord(t: Team): TTeamRecord {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    archivedAt: t.archivedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

const auditable = (t: Team) => ({ name: t.name, slug: t.slug, description: t.description, archivedAt: t.archivedAt?.toISOString() ?? null });
const actorOf = (p: TPrincipal) => ({ type: "user" as const, id: p.id, label: p.email });

/** A 409 that names its field, so a form shows it there. */
const conflict = (path: string, message: string) => new AppError("CONFLICT", message, { issues: [{ path, message }] });

/** Creations and renames take turns, so two of them cannot both find a name or slug free. */
async function lockTeamNames(tx: TTx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('baton:team-names'))`;
}

async function assertNameFree(tx: TTx, name: string, exceptId?: string): Promise<void> {
  const other = await tx.team.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (other) throw conflict("name", `A team named "${other.name}" already exists. Choose another name.`);
}

/** The given slug when free; else the name's, numbered (-2, -3…) when taken. */
async function freeSlug(tx: TTx, name: string, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    const owner = await tx.team.findUnique({ where: { slug: given }, select: { name: true } });
    if (owner) throw conflict("slug", `The slug "${given}" belongs to team ${owner.name} already. Choose another slug.`);
    return given;
  }
  const base = slugFromName(name);
  const taken = new Set((await tx.team.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((t) => t.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export async function createTeam(db: TDb, principal: TPrincipal, body: unknown): Promise<TTeamRecord> {
  assertCan(principal, "team:manage");
  const input = parseOrThrow(ZTeamCreate, body);
  const team = await db.$transaction(async (tx) => {
    await lockTeamNames(tx);
    await assertNameFree(tx, input.name);
    const slug = await freeSlug(tx, input.name, input.slug);
    const row = await tx.team.create({
      data: { name: input.name, slug, description: input.description ?? "", createdById: principal.id, updatedById: principal.id },
    });
    await appendAudit(tx, {
      actor: actorOf(principal),
      action: "team.created",
      resource: { type: "team", id: row.id },
      teamId: row.id,
      data: { before: null, after: auditable(row) },
    });
    return row;
  });
  return teamRecord(team);
}

/**
 * The team when the person may see it in Settings (an organisation admin, or a member); 404 otherwise, so team ids
 * of other teams cannot be probed. Administering it is checked by the caller.
 */
export async function findSettingsTeam(db: TDb | TTx, principal: TPrincipal, teamId: string): Promise<Team> {
  const team = principal.isOrgAdmin || principal.memberships.some((m) => m.teamId === teamId) ? await db.team.findUnique({ where: { id: teamId } }) : null;
  if (!team) throw new AppError("NOT_FOUND", "This team does not exist, or it is not one of yours.");
  return team;
}

export async function updateTeam(db: TDb, principal: TPrincipal, teamId: string, body: unknown): Promise<TTeamRecord> {
  const existing = await findSettingsTeam(db, principal, teamId);
  const input = parseOrThrow(ZTeamUpdate, body);
  if (input.name !== undefined || input.description !== undefined) assertCan(principal, "team:administer", { teamId: existing.id });
  if (input.isArchived !== undefined) assertCan(principal, "team:manage");
  const result = await db.$transaction(async (tx) => {
    if (input.name !== undefined) await lockTeamNames(tx);
    await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${existing.id} FOR UPDATE`;
    const before = await tx.team.findUniqueOrThrow({ where: { id: existing.id } });
    if (input.name !== undefined) await assertNameFree(tx, input.name, before.id);
    const isArchiving = input.isArchived === true && before.archivedAt === null;
    const isRestoring = input.isArchived === false && before.archivedAt !== null;
    const row = await tx.team.update({
      where: { id: before.id },
      data: {
        name: input.name,
        description: input.description,
        ...(isArchiving ? { archivedAt: new Date(), archivedById: principal.id } : {}),
        ...(isRestoring ? { archivedAt: null, archivedById: null } : {}),
        updatedById: principal.id,
      },
    });
    const audit = (action: string, data: Record<string, unknown>) =>
      appendAudit(tx, { actor: actorOf(principal), action, resource: { type: "team", id: row.id }, teamId: row.id, data });
    if (row.name !== before.name || row.description !== before.description) {
      await audit("team.updated", {
        before: { name: before.name, description: before.description },
        after: { name: row.name, description: row.description },
      });
    }
    if (isArchiving || isRestoring) {
      await audit(isArchiving ? "team.archived" : "team.restored", {
        before: { archivedAt: auditable(before).archivedAt },
        after: { archivedAt: auditable(row).archivedAt },
      });
    }
    return { row, isArchiveChanged: isArchiving || isRestoring };
  });
  // Event triggers of an archived team's workflows stop listening (other processes follow within their cache time).
  if (result.isArchiveChanged) clearEventListenerCache();
  return teamRecord(result.row);
}

/** One team with its members, for Settings → Teams → the team: its admins and the organisation admin. */
export async function getTeamDetail(db: TDb, principal: TPrincipal, teamId: string): Promise<TTeamDetail> {
  const team = await findSettingsTeam(db, principal, teamId);
  assertCan(principal, "team:administer", { teamId: team.id });
  const memberships = await db.membership.findMany({
    where: { teamId: team.id },
    select: { role: true, user: { select: { id: true, name: true, email: true, isActive: true, oidcSubject: true } } },
  });
  const members = memberships
    .map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, isActive: m.user.isActive, hasSso: m.user.oidcSubject !== null }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
  const canManagePeople = can(principal, "user:manage");
  const candidates = canManagePeople
    ? await db.user.findMany({
        where: { memberships: { none: { teamId: team.id } } },
        orderBy: [{ name: "asc" }, { email: "asc" }],
        select: { id: true, name: true, email: true },
      })
    : [];
  return { team: teamRecord(team), members, candidates, canManage: can(principal, "team:manage") };
}
