import type { TDb } from "../db/client";
import type { AuditEventModel } from "../db/generated/models";
import { GENESIS_HASH, hashEvent } from "./canonical";

export type TVerifyResult =
  | { isIntact: true; checked: number; headHash: string }
  | { isIntact: false; checked: number; brokenAtSeq: string; reason: string };

/** Walks the whole chain in order and recomputes every hash: any edit, insertion or gap is detected. */
export async function verifyAuditChain(db: TDb, batchSize = 1000): Promise<TVerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq: bigint | null = null;
  let checked = 0;
  for (;;) {
    const rows: AuditEventModel[] = await db.auditEvent.findMany({
      where: prevSeq === null ? {} : { seq: { gt: prevSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return { isIntact: true, checked, headHash: prevHash };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { isIntact: false, checked, brokenAtSeq: row.seq.toString(), reason: "previous hash does not match" };
      }
      const expected = hashEvent(prevHash, {
        id: row.id,
        occurredAt: row.occurredAt,
        actorType: row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        resourceType: row.resourceType,
        resourceId: row.resourceId,
        teamId: row.teamId,
        data: row.data,
      });
      if (expected !== row.hash) {
        return { isIntact: false, checked, brokenAtSeq: row.seq.toString(), reason: "event content was changed" };
      }
      prevHash = row.hash;
      prevSeq = row.seq;
      checked += 1;
    }
  }
}
