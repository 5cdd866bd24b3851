import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, type TRedis } from "@/server/redis/client";
import { sqlFor } from "@/server/db/sql";
import { appendAudit } from "@/server/audit/append";
import { appendAuditBatchSql } from "@/server/audit/append-sql";
import { verifyAuditChain } from "@/server/audit/verify";
import { RunWriter } from "./writer";
import type { TStepRow } from "./run-state";

// The contract of baton_flush_run (one statement per flush): which columns a change writes, clears or leaves alone.
let t: TTestDb;
let redis: TRedis;
let runId = "";
const teamId = "team-1";

function row(nodeId: string): TStepRow {
  return {
    id: RunWriter.newStepId(), nodeId, nodeType: "control.output", iterationKey: "", status: "PENDING", attempt: 0, output: null, firedHandles: [],
    waitKind: null, waitUntil: null, resumePayload: null, startedAt: null, tokensIn: 0, tokensOut: 0, costUsd: "0", isPersisted: false, seq: 0,
  };
}

beforeAll(async () => {
  t = await createTestDatabase("writersql");
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

describe("a run writer's flush", () => {
  it("inserts steps, then updates only the fields given, clearing those set to null", async () => {
    const a = row("a");
    const startedAt = new Date("2026-01-02T03:04:05.678Z");
    let w = new RunWriter(runId, teamId);
    w.step(a, { status: "RUNNING", attempt: 1, startedAt, idempotencyKey: "k1", output: { partial: true }, error: "first try", firedHandles: [] });
    w.run({ status: "RUNNING", startedAt });
    w.audit({ actor: { type: "worker", label: "engine" }, action: "run.running", resource: { type: "run", id: runId }, teamId });
    await w.flush(t.db, redis);
    expect(a.isPersisted).toBe(true);

    w = new RunWriter(runId, teamId);
    w.step(a, { status: "SUCCEEDED", attempt: 1, output: null, error: null, costUsd: "0.00012345", tokensIn: 7, firedHandles: ["out", "extra"], finishedAt: startedAt });
    w.run({ status: "SUCCEEDED", output: null, finishedAt: startedAt, durationMs: 12, costUsd: "0.00012345", tokensIn: 7, tokensOut: 3 });
    w.audit({ actor: { type: "worker", label: "engine" }, action: "run.succeeded", resource: { type: "run", id: runId }, teamId, data: { n: 1 } });
    await w.flush(t.db, redis);

    const step = await t.db.stepRun.findUniqueOrThrow({ where: { id: a.id } });
    expect(step).toMatchObject({ runId, nodeId: "a", status: "SUCCEEDED", attempt: 1, idempotencyKey: "k1", output: null, error: null, tokensIn: 7, tokensOut: 0, firedHandles: ["out", "extra"] });
    expect(step.costUsd.toString()).toBe("0.00012345");
    expect(step.startedAt?.toISOString()).toBe(startedAt.toISOString());
    expect(step.finishedAt?.toISOString()).toBe(startedAt.toISOString());
    const run = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
    // A run without a result keeps a JSON null (not a missing value), as before.
    const [raw] = await sqlFor(t.db)<{ isJsonNull: boolean }>(`SELECT output = 'null'::jsonb AS "isJsonNull" FROM "Run" WHERE id = $1`, [runId]);
    expect(raw?.isJsonNull).toBe(true);
    expect(run).toMatchObject({ status: "SUCCEEDED", durationMs: 12, tokensIn: 7, tokensOut: 3 });
    expect(run.startedAt?.toISOString()).toBe(startedAt.toISOString());
  });

  it("asks for an approval once per step, and runs extra writes in the same transaction", async () => {
    const b = row("b");
    const w = new RunWriter(runId, teamId);
    w.step(b, { status: "WAITING", attempt: 1, waitKind: "approval", waitUntil: new Date("2030-01-01T00:00:00.000Z") });
    w.approval({ stepRunId: b.id, title: "Check", details: { amount: 5 }, assigneeRole: "approver", dueAt: null });
    w.inTransaction((sql) => sql(`UPDATE "Approval" SET comment = 'seen' WHERE "stepRunId" = $1`, [b.id]));
    await w.flush(t.db, redis);
    const again = new RunWriter(runId, teamId);
    again.approval({ stepRunId: b.id, title: "Check again", details: {}, assigneeRole: "admin", dueAt: null });
    await again.flush(t.db, redis);
    const approvals = await t.db.approval.findMany({ where: { stepRunId: b.id } });
    // The extra write ran after the approval was inserted, in the same flush.
    expect(approvals).toMatchObject([{ title: "Check", comment: "seen", details: { amount: 5 }, assigneeRole: "approver", teamId }]);
    expect((await t.db.stepRun.findUniqueOrThrow({ where: { id: b.id } })).waitUntil?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("chains audit events appended in SQL with those appended through Prisma", async () => {
    const actor = { type: "system" as const, label: "test" };
    await appendAudit(t.db, { actor, action: "x.prisma", resource: { type: "run", id: runId }, chainKey: runId });
    await appendAuditBatchSql(sqlFor(t.db), [
      { actor, action: "x.sql", resource: { type: "run", id: runId }, chainKey: runId, data: { when: new Date(0), list: [1, undefined], "10": "a", "2": "b" } },
      { actor, action: "x.other-chain", resource: { type: "thing", id: "elsewhere" } },
    ]);
    await appendAudit(t.db, { actor, action: "x.prisma-again", resource: { type: "run", id: runId }, chainKey: runId });
    expect(await verifyAuditChain(t.db)).toMatchObject({ isIntact: true, checked: 6 });
    const sqlEvent = await t.db.auditEvent.findFirstOrThrow({ where: { action: "x.sql" } });
    expect(sqlEvent.data).toEqual({ when: "1970-01-01T00:00:00.000Z", list: [1, null], "10": "a", "2": "b" });
  });
});
