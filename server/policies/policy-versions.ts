// A policy's published versions (newest first), one version with its document, and the difference between two
// versions (or a version and the draft).
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError, parseOrThrow } from "../errors";
import { validatePolicyDocument } from "../policy/validate-document";
import { parseVersionNumber, ZVersionNumber } from "../workflows/list-versions";
import { diffDocuments } from "./diff-documents.shared";
import { loadPolicyFor } from "./policy-access";
import type { TDocumentChange, TPolicyVersionSummary, TPolicyVersionView } from "./policy-detail.shared";
import { userNames } from "./policy-views";

export async function listPolicyVersions(db: TDb, principal: TPrincipal, policyId: string): Promise<TPolicyVersionSummary[]> {
  const policy = await loadPolicyFor(db, principal, policyId, "policy:read");
  const rows = await db.policyVersion.findMany({
    where: { policyId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, note: true, createdAt: true, createdById: true, isGenerated: true },
  });
  const nameOf = await userNames(db, rows.map((r) => r.createdById));
  return rows.map((r) => ({
    number: r.number,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdByName: nameOf(r.createdById),
    isGenerated: r.isGenerated,
    isCurrent: r.id === policy.currentVersionId,
  }));
}

async function loadVersion(db: TDb, policyId: string, number: number) {
  const row = await db.policyVersion.findUnique({ where: { policyId_number: { policyId, number } } });
  if (!row) throw new AppError("NOT_FOUND", `This policy has no version ${number}.`);
  return row;
}

export async function getPolicyVersion(db: TDb, principal: TPrincipal, policyId: string, rawNumber: string): Promise<TPolicyVersionView> {
  const number = parseVersionNumber(rawNumber);
  const policy = await loadPolicyFor(db, principal, policyId, "policy:read");
  const row = await loadVersion(db, policyId, number);
  const nameOf = await userNames(db, [row.createdById]);
  const validation = validatePolicyDocument(row.rules);
  return {
    number: row.number,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdByName: nameOf(row.createdById),
    isGenerated: row.isGenerated,
    isCurrent: row.id === policy.currentVersionId,
    document: row.rules,
    problems: validation.isValid ? [] : validation.problems,
  };
}

const REF_MESSAGE = 'Use a version number (e.g. 3) or "draft"';
const ZVersionRef = z.union([z.literal("draft"), ZVersionNumber], { error: REF_MESSAGE });
export const ZPolicyDiffQuery = z.object({
  from: z.string({ error: `Say which version to compare from: ${REF_MESSAGE}` }).pipe(ZVersionRef),
  to: z.string({ error: `Say which version to compare to: ${REF_MESSAGE}` }).pipe(ZVersionRef),
});

export type TPolicyDiff = { from: number | "draft"; to: number | "draft"; changes: TDocumentChange[] };

/** The changes from one stored document to another (the documents as stored, compared as JSON). */
export async function diffPolicyVersions(
  db: TDb,
  principal: TPrincipal,
  policyId: string,
  raw: { from?: string | null; to?: string | null },
): Promise<TPolicyDiff> {
  const query = parseOrThrow(ZPolicyDiffQuery, { from: raw.from ?? undefined, to: raw.to ?? undefined });
  const policy = await loadPolicyFor(db, principal, policyId, "policy:read");
  const documentOf = async (ref: "draft" | number): Promise<unknown> => {
    if (ref !== "draft") return (await loadVersion(db, policyId, ref)).rules;
    if (policy.draftRules === null) throw new AppError("NOT_FOUND", "This policy has no draft to compare.");
    return policy.draftRules;
  };
  const [before, after] = await Promise.all([documentOf(query.from), documentOf(query.to)]);
  return { from: query.from, to: query.to, changes: diffDocuments(before, after) };
}
