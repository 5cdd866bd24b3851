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
    const first = await appendAudit(t.db, {
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
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[0]?.hash).toBe(first.hash);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ isIntact: true, checked: 11 });
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
