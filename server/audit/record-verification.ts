import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { verifyAuditChain, type TVerifyResult } from "./verify";
import { appendAudit } from "./append";

export const AUDIT_VERIFICATION_KEY = "audit.lastVerification";

export type TRecordedVerification = TVerifyResult & { verifiedAt: string; durationMs: number };

/** Verifies the chain, stores the outcome as a system setting, and audits a broken chain loudly. */
export async function verifyAndRecord(db: TDb): Promise<TRecordedVerification> {
  const started = performance.now();
  const result = await verifyAuditChain(db);
  const recorded = { ...result, verifiedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - started) };
  const value = recorded as unknown as Prisma.InputJsonValue;
  await db.systemSetting.upsert({
    where: { key: AUDIT_VERIFICATION_KEY },
    create: { key: AUDIT_VERIFICATION_KEY, value },
    update: { value },
  });
  if (!result.isIntact) {
    await appendAudit(db, {
      actor: { type: "worker", label: "audit-verifier" },
      action: "audit.chain_broken",
      resource: { type: "audit", id: result.brokenAtSeq },
      data: { reason: result.reason, checked: result.checked },
    });
  }
  return recorded;
}

export async function lastVerification(db: TDb): Promise<TRecordedVerification | null> {
  const row = await db.systemSetting.findUnique({ where: { key: AUDIT_VERIFICATION_KEY } });
  return row ? (row.value as unknown as TRecordedVerification) : null;
}
