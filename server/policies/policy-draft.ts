// The editable draft of a policy. A draft is saved only when it is a valid document (every problem is returned,
// with its path, and the stored draft is left as it was); a draft equal to the current version is no draft.
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError, parseOrThrow } from "../errors";
import { formatProblems, validatePolicyDocument, type TDocumentProblem } from "../policy/validate-document";
import type { TPolicyDocument } from "../policy/document";
import { invalidateActivePolicies } from "./active-policies";
import { jsonEqual } from "./diff-documents.shared";
import { policyDetail } from "./get-policy";
import { loadPolicyFor, POLICY_NOT_FOUND } from "./policy-access";
import { auditPolicy } from "./policy-audit";
import type { TPolicyDetail } from "./policy-detail.shared";
import { ZSaveDraft } from "./policy-inputs";

/**
 * 400 naming every problem: `issues` (and `details.problems`) are `{ path, message }`, e.g. `content.patterns[0].pattern`.
 * `sentence` gets the count: (count) => `The policy document has ${count}, so it was not saved`.
 */
export function documentRefused(problems: TDocumentProblem[], sentence: (count: string) => string): AppError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new AppError("VALIDATION", `${sentence(count)}:\n${formatProblems(problems)}`, {
    issues: problems,
    details: { problems },
  });
}

/** The document, validated (defaults filled in), or a 400 with every problem. */
export function parseDocument(candidate: unknown, what: "saved" | "simulated"): TPolicyDocument {
  const validation = validatePolicyDocument(candidate);
  if (!validation.isValid) throw documentRefused(validation.problems, (count) => `The policy document has ${count}, so it was not ${what}`);
  return validation.document;
}

export async function savePolicyDraft(db: TDb, principal: TPrincipal, policyId: string, raw: unknown): Promise<TPolicyDetail> {
  const { document: candidate } = parseOrThrow(ZSaveDraft, raw);
  await loadPolicyFor(db, principal, policyId, "policy:write");
  const document = parseDocument(candidate, "saved");
  await db.$transaction(async (tx) => {
    const row = await tx.policy.findUnique({ where: { id: policyId }, include: { currentVersion: { select: { rules: true } } } });
    if (!row) throw new AppError("NOT_FOUND", POLICY_NOT_FOUND);
    const isCurrent = row.currentVersion !== null && jsonEqual(row.currentVersion.rules, document);
    const next = isCurrent ? null : document;
    if (jsonEqual(row.draftRules, next)) return;
    await tx.policy.update({
      where: { id: policyId },
      data: {
        draftRules: next === null ? Prisma.DbNull : (next as Prisma.InputJsonValue),
        draftUpdatedAt: new Date(),
        draftUpdatedById: principal.id,
        updatedById: principal.id,
      },
    });
    await auditPolicy(tx, principal, "policy.draft_saved", row, { before: row.draftRules, after: next, isSameAsCurrent: isCurrent });
  });
  invalidateActivePolicies(db);
  return policyDetail(db, principal, policyId);
}

export async function discardPolicyDraft(db: TDb, principal: TPrincipal, policyId: string): Promise<TPolicyDetail> {
  await loadPolicyFor(db, principal, policyId, "policy:write");
  await db.$transaction(async (tx) => {
    const row = await tx.policy.findUnique({ where: { id: policyId } });
    if (!row) throw new AppError("NOT_FOUND", POLICY_NOT_FOUND);
    if (row.draftRules === null) return;
    await tx.policy.update({
      where: { id: policyId },
      data: { draftRules: Prisma.DbNull, draftUpdatedAt: new Date(), draftUpdatedById: principal.id, updatedById: principal.id },
    });
    await auditPolicy(tx, principal, "policy.draft_discarded", row, { before: row.draftRules, after: null });
  });
  invalidateActivePolicies(db);
  return policyDetail(db, principal, policyId);
}
