// Settings → Users (organisation admins): creating a person in a team with a one-time password or sign-in link,
// editing their name and email, disabling and enabling them, granting the organisation admin role, and replacing
// their password with a new one-time credential. Secrets are returned once and never stored or audited; every change
// is audited with what was before and after, in the transaction that makes it.
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import { Prisma, type User } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { lockOpenTeam } from "../teams/team-state";
import { assertAnotherOrgAdmin, lockActiveOrgAdmins } from "./org-admins";
import { credentialFields, dropUnusedLinks, prepareCredential, storeCredential } from "./one-time-secrets";
import { ZUserCreate, ZUserUpdate, type TOneTimeSecret, type TUserRecord } from "./user-input.shared";

type TTx = Prisma.TransactionClient;

export function userRecord(u: User): TUserRecord {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    isActive: u.isActive,
    isOrgAdmin: u.isOrgAdmin,
    isPasswordChangeRequired: u.isPasswordChangeRequired,
    hasSso: u.oidcSubject !== null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

const actorOf = (p: TPrincipal) => ({ type: "user" as const, id: p.id, label: p.email });
const emailTaken = (email: string) => {
  const message = `An account with the email ${email} exists already.`;
  return new AppError("CONFLICT", message, { issues: [{ path: "email", message }] });
};
const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

async function assertEmailFree(tx: TTx, email: string, exceptId?: string): Promise<void> {
  const other = await tx.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (other) throw emailTaken(email);
}

export async function createUser(db: TDb, principal: TPrincipal, body: unknown): Promise<{ user: TUserRecord; secret: TOneTimeSecret }> {
  assertCan(principal, "user:manage");
  const input = parseOrThrow(ZUserCreate, body);
  const credential = await prepareCredential(input.credential);
  try {
    return await db.$transaction(async (tx) => {
      const team = await lockOpenTeam(tx, input.teamId);
      await assertEmailFree(tx, input.email);
      const user = await tx.user.create({
        data: {
          name: input.name,
          email: input.email,
          ...credentialFields(credential),
          createdById: principal.id,
          updatedById: principal.id,
          memberships: { create: { teamId: team.id, role: input.role, createdById: principal.id, updatedById: principal.id } },
        },
      });
      const secret = await storeCredential(tx, user.id, credential, principal.id);
      await appendAudit(tx, {
        actor: actorOf(principal),
        action: "user.created",
        resource: { type: "user", id: user.id },
        teamId: team.id,
        data: {
          before: null,
          after: { name: user.name, email: user.email, isActive: true, isOrgAdmin: false, team: team.name, role: input.role },
          credential: input.credential,
        },
      });
      return { user: userRecord(user), secret };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(input.email);
    throw error;
  }
}

/** The refusals that protect the organisation and the acting admin, checked with the row and the admins locked. */
async function assertAllowed(tx: TTx, principal: TPrincipal, before: User, input: ReturnType<typeof ZUserUpdate.parse>): Promise<void> {
  const isSelf = before.id === principal.id;
  const isDisabling = input.isActive === false && before.isActive;
  const isRevoking = input.isOrgAdmin === false && before.isOrgAdmin;
  if (isDisabling && isSelf) throw new AppError("CONFLICT", "You cannot disable your own account: another organisation admin can.");
  if ((isDisabling && before.isOrgAdmin) || isRevoking) assertAnotherOrgAdmin(await lockActiveOrgAdmins(tx), before, principal.id);
  if (input.issueCredential !== undefined) {
    if (isSelf) throw new AppError("CONFLICT", "Change your own password on the Account → Password page instead.");
    if (!(input.isActive ?? before.isActive)) throw new AppError("CONFLICT", `${before.email} is disabled: enable the account first.`);
  }
  if (input.email !== undefined && input.email !== before.email) await assertEmailFree(tx, input.email, before.id);
}

export async function updateUser(
  db: TDb,
  principal: TPrincipal,
  userId: string,
  body: unknown,
): Promise<{ user: TUserRecord; secret: TOneTimeSecret | null }> {
  assertCan(principal, "user:manage");
  const input = parseOrThrow(ZUserUpdate, body);
  const credential = input.issueCredential ? await prepareCredential(input.issueCredential) : null;
  try {
    return await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
      const before = locked ? await tx.user.findUnique({ where: { id: locked.id } }) : null;
      if (!before) throw new AppError("NOT_FOUND", `No account has the id ${userId}.`);
      await assertAllowed(tx, principal, before, input);
      const isDisabling = input.isActive === false && before.isActive;
      // A disabled account's sessions end and stay ended if it is enabled again; a new credential ends them too.
      const endsSessions = isDisabling || credential !== null;
      const user = await tx.user.update({
        where: { id: before.id },
        data: {
          name: input.name,
          email: input.email,
          isActive: input.isActive,
          isOrgAdmin: input.isOrgAdmin,
          ...(credential ? credentialFields(credential) : {}),
          ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
          updatedById: principal.id,
        },
      });
      if (endsSessions) await dropUnusedLinks(tx, user.id);
      const secret = credential ? await storeCredential(tx, user.id, credential, principal.id) : null;
      const audit = (action: string, data: Record<string, unknown>) =>
        appendAudit(tx, { actor: actorOf(principal), action, resource: { type: "user", id: user.id }, data: { email: user.email, ...data } });
      if (user.name !== before.name || user.email !== before.email) {
        await audit("user.updated", { before: { name: before.name, email: before.email }, after: { name: user.name, email: user.email } });
      }
      if (user.isActive !== before.isActive) {
        await audit(user.isActive ? "user.enabled" : "user.disabled", { before: { isActive: before.isActive }, after: { isActive: user.isActive } });
      }
      if (user.isOrgAdmin !== before.isOrgAdmin) {
        await audit(user.isOrgAdmin ? "user.org_admin_granted" : "user.org_admin_revoked", {
          before: { isOrgAdmin: before.isOrgAdmin },
          after: { isOrgAdmin: user.isOrgAdmin },
        });
      }
      if (credential) await audit("user.credential_issued", { credential: credential.kind });
      return { user: userRecord(user), secret };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(input.email ?? "");
    throw error;
  }
}
