import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { appendAudit } from "./append";
import { verifyAuditChain } from "./verify";
import { GENESIS_HASH } from "./canonical";

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDatabase("audit");
});
afterAll(async () => t.drop());

describe("audit hash chain", () => {
  it("chains events and verifies an intact chain", async () => {
    await appendAudit(t.db, {
      actor: { type: "system", label: "test" },
      action: "test.first",
      resource: { type: "thing", id: "a" },
      data: { b: 2, a: 1 },
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        appendAudit(t.db, { actor: { type: "system", label: "test" }, action: "test.many", resource: { type: "thing", id: String(i) } }),
      ),
    );
    const rows = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatchObject({ action: "test.first", data: { a: 1, b: 2 } });
    // Within each chain, every event points at the one before it; each chain starts from the genesis hash.
    const chains = new Map<number, typeof rows>();
    for (const row of rows) chains.set(row.chain, [...(chains.get(row.chain) ?? []), row]);
    expect(chains.size).toBeGreaterThan(1);
    for (const chain of chains.values()) {
      expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < chain.length; i++) expect(chain[i]?.prevHash).toBe(chain[i - 1]?.hash);
    }
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ isIntact: true, checked: 11, chains: 16 });
  });

  it("rejects UPDATE and DELETE at the database", async () => {
    await expect(t.db.auditEvent.updateMany({ data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(t.db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
  });

  it("detects a changed event once the trigger is bypassed", async () => {
    await t.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    const victim = await t.db.auditEvent.findFirstOrThrow({ where: { action: "test.many" }, orderBy: { seq: "asc" } });
    await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { actorLabel: "mallory" } });
    await t.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ isIntact: false, brokenAtSeq: victim.seq.toString(), reason: "event content was changed" });
  });
});

describe("audit chains", () => {
  it("detects a deleted event in the middle of a chain", async () => {
    const t2 = await createTestDatabase("auditgap");
    try {
      for (let i = 0; i < 3; i++) {
        await appendAudit(t2.db, { actor: { type: "system", label: "t" }, action: "x", resource: { type: "run", id: "r1" }, chainKey: "run-1" });
      }
      const [, middle] = await t2.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
      await t2.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await t2.db.auditEvent.delete({ where: { seq: middle!.seq } });
      expect(await verifyAuditChain(t2.db)).toMatchObject({ isIntact: false, reason: "previous hash does not match" });
    } finally {
      await t2.drop();
    }
  });
});
