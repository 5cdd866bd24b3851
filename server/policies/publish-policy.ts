// Publishing: the draft becomes a new version (number = highest + 1, with a note), the current version, and the
// draft is cleared — one transaction, under a lock on the policy row, so two publishes cannot take the same number
// and nothing is half-saved. Rolling back publishes a copy of an earlier version as a new version ("Rolled back to
// vN"); the draft, if any, is kept.
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError, parseOrThrow } from "../errors";
import { validatePolicyDocument } from "../policy/validate-document";
import type { TPolicyDocument } from "../policy/document";
import { parseVersionNumber } from "../workflows/list-versions";
import { invalidateActivePolicies } from "./active-policies";
import { jsonEqual } from "./diff-documents.shared";
import { policyDetail } from "./get-policy";
import { loadPolicyFor, POLICY_NOT_FOUND } from "./policy-access";
import { auditPolicy } from "./policy-audit";
import type { TPolicyDetail } from "./policy-detail.shared";
import { documentRefused } from "./policy-draft";
import { ZPublishDraft } from "./policy-inputs";

type TTx = Prisma.TransactionClient;

async function lockPolicy(tx: TTx, policyId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Policy" WHERE id = ${policyId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", POLICY_NOT_FOUND);
  return tx.policy.findUniqueOrThrow({ where: { id: policyId }, include: { currentVersion: true } });
}

type TLockedPolicy = Awaited<ReturnType<typeof lockPolicy>>;

function assertPublishable(row: TLockedPolicy, document: TPolicyDocument, sameAsCurrent: string): void {
  if (Object.keys(document).length === 0) {
    throw new AppError(
      "VALIDATION",
      "The document has no rules, so publishing it would enforce nothing: add a rule (models, pii, content, tools, approvalWhen or recordPrompts), or disable the policy instead.",
      { issues: [{ path: "(document)", message: "has no rules" }] },
    );
  }
  if (row.currentVersion && jsonEqual(row.currentVersion.rules, document)) throw new AppError("CONFLICT", sameAsCurrent);
}

async function addVersion(
  tx: TTx,
  principal: TPrincipal,
  row: TLockedPolicy,
  document: TPolicyDocument,
  note: string,
  change: { action: "policy.published" | "policy.rolled_back"; isDraftCleared: boolean; rolledBackTo?: number },
): Promise<number> {
  const highest = await tx.policyVersion.aggregate({ where: { policyId: row.id }, _max: { number: true } });
  const number = (highest._max.number ?? 0) + 1;
  const version = await tx.policyVersion.create({
    data: { policyId: row.id, number, rules: document as Prisma.InputJsonValue, note, createdById: principal.id },
  });
  await tx.policy.update({
    where: { id: row.id },
    data: {
      currentVersionId: version.id,
      updatedById: principal.id,
      ...(change.isDraftCleared ? { draftRules: Prisma.DbNull, draftUpdatedAt: new Date(), draftUpdatedById: principal.id } : {}),
    },
  });
  const before = row.currentVersion ? { version: row.currentVersion.number, document: row.currentVersion.rules } : null;
  await auditPolicy(tx, principal, change.action, row, {
    before,
    after: { version: number, document, note },
    ...(change.rolledBackTo === undefined ? {} : { rolledBackTo: change.rolledBackTo }),
  });
  return number;
}

export async function publishPolicyDraft(db: TDb, principal: TPrincipal, policyId: string, raw: unknown): Promise<TPolicyDetail> {
  const input = parseOrThrow(ZPublishDraft, raw);
  await loadPolicyFor(db, principal, policyId, "policy:write");
  await db.$transaction(async (tx) => {
    const row = await lockPolicy(tx, policyId);
    if (row.draftRules === null) throw new AppError("CONFLICT", "There is no draft to publish: save a draft first.");
    if (input.draftUpdatedAt !== undefined && row.draftUpdatedAt?.toISOString() !== new Date(input.draftUpdatedAt).toISOString()) {
      throw new AppError("CONFLICT", "Someone saved this policy's draft after you loaded it. Reload to see their changes, then publish again.", {
        details: { draftUpdatedAt: row.draftUpdatedAt?.toISOString() ?? null },
      });
    }
    // Checked again: the rules a document must satisfy may have tightened since the draft was saved.
    const validation = validatePolicyDocument(row.draftRules);
    if (!validation.isValid) throw documentRefused(validation.problems, (count) => `The draft has ${count}, so it was not published`);
    const current = row.currentVersion?.number;
    assertPublishable(row, validation.document, `The draft is the same as the current version v${current}: there is nothing to publish.`);
    await addVersion(tx, principal, row, validation.document, input.note, { action: "policy.published", isDraftCleared: true });
  });
  invalidateActivePolicies(db);
  return policyDetail(db, principal, policyId);
}

export async function rollbackPolicy(db: TDb, principal: TPrincipal, policyId: string, rawNumber: string): Promise<TPolicyDetail> {
  const number = parseVersionNumber(rawNumber);
  await loadPolicyFor(db, principal, policyId, "policy:write");
  await db.$transaction(async (tx) => {
    const row = await lockPolicy(tx, policyId);
    const target = await tx.policyVersion.findUnique({ where: { policyId_number: { policyId, number } } });
    if (!target) throw new AppError("NOT_FOUND", `This policy has no version ${number}.`);
    const validation = validatePolicyDocument(target.rules);
    if (!validation.isValid) throw documentRefused(validation.problems, (count) => `Version ${number} has ${count} under the current rules, so the policy cannot be rolled back to it`);
    const current = row.currentVersion?.number;
    assertPublishable(row, validation.document, `Version ${number} is the same as the current version v${current}: there is nothing to roll back.`);
    await addVersion(tx, principal, row, validation.document, `Rolled back to v${number}`, {
      action: "policy.rolled_back",
      isDraftCleared: false,
      rolledBackTo: number,
    });
  });
  invalidateActivePolicies(db);
  return policyDetail(db, principal, policyId);
}
