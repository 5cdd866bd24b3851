// Audit input is made storable (NUL and lone surrogates become U+FFFD) before it is hashed, on every path that
// appends: appendAudit, a run flush on its own, and a flush with extra writes (failed passes, cancels, expiries).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, type TRedis } from "@/server/redis/client";
import { RunWriter } from "@/server/engine/writer";
import { appendAudit } from "./append";
import { verifyAuditChain } from "./verify";

let t: TTestDb;
let redis: TRedis;
let runId = "";
const teamId = "team-1";
beforeAll(async () => {
  t = await createTestDatabase("auditstorable");
  redis = createRedis();
  await t.db.team.create({ data: { id: teamId, slug: "ops", name: "Ops" } });
  const wf = await t.db.workflow.create({ data: { teamId, name: "W", draftGraph: {}, webhookSecret: "s" } });
  const v = await t.db.workflowVersion.create({ data: { workflowId: wf.id, number: 1, graph: {} } });
  runId = (await t.db.run.create({ data: { workflowId: wf.id, workflowVersionId: v.id, teamId, triggerType: "manual", input: {} } })).id;
});
afterAll(async () => {
  redis.disconnect();
  await t.drop();
});

const cutEmoji = `${"x".repeat(499)}😀`.slice(0, 500);
const poison = { nul: "a\u0000b", cut: cutEmoji, "k\u0000": { lone: "\udc00" } };
const stored = { nul: "a\uFFFDb", cut: `${"x".repeat(499)}\uFFFD`, "k\uFFFD": { lone: "\uFFFD" } };
const event = (action: string) => ({ actor: { type: "worker" as const, label: "engine\u0000" }, action, resource: { type: "run", id: runId }, teamId, data: poison });

describe("audit events with text PostgreSQL cannot store", () => {
  it("are stored with U+FFFD by appendAudit, and the chain verifies", async () => {
    await appendAudit(t.db, event("test.append"));
    const row = await t.db.auditEvent.findFirstOrThrow({ where: { action: "test.append" } });
    expect(row.data).toEqual(stored);
    expect(row.actorLabel).toBe("engine\uFFFD");
    expect(await verifyAuditChain(t.db)).toMatchObject({ isIntact: true });
  });

  it("are stored by a run flush, with and without extra writes, and the chain verifies", async () => {
    const plain = new RunWriter(runId, teamId);
    plain.audit(event("test.flush"));
    await plain.flush(t.db, redis);
    const withTx = new RunWriter(runId, teamId);
    withTx.audit(event("test.flush-tx"));
    withTx.inTransaction((sql) => sql(`UPDATE "Run" SET "passFailures" = 1 WHERE id = $1`, [runId]));
    await withTx.flush(t.db, redis);
    for (const action of ["test.flush", "test.flush-tx"]) {
      expect((await t.db.auditEvent.findFirstOrThrow({ where: { action } })).data).toEqual(stored);
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ isIntact: true });
  });
});
