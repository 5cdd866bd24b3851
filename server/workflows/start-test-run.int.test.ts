import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import type { TPrincipal, TRole } from "../auth/permissions";
import { AppError } from "../errors";
import { getRun } from "../runs/get-run";
import { listRuns } from "../runs/list-runs";
import { startManualRun } from "../runs/start-manual-run";
import { createWorkflow } from "./create-workflow";
import { saveDraft } from "./save-draft";
import { publishWorkflow } from "./publish-workflow";
import { setWorkflowStatus } from "./set-workflow-status";
import { startTestRun } from "./start-test-run";

let h: THarness;
beforeAll(async () => {
  h = await startHarness("testrun");
});
afterAll(async () => h.close());

const deps = () => ({ db: h.t.db, redis: h.redis });
const as = (role: TRole): TPrincipal => ({ ...h.principal, memberships: h.principal.memberships.map((m) => ({ ...m, role })) });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
const times = (n: number) =>
  graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: `trigger.body.x * ${n}` } } }, ["t>out"]);

describe("test runs of the draft", () => {
  it("runs the draft on the canvas, pinned to a reused snapshot per revision, without touching published numbering", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Multiply" });
    await saveDraft(h.t.db, h.principal, wf.id, { graph: times(2), revision: 1 });

    // Nothing is published yet: the test still runs the draft.
    const first = await startTestRun(deps(), h.principal, wf.id, { input: { x: 5 }, revision: 2 });
    expect(await h.waitFor(first.runId)).toMatchObject({ status: "SUCCEEDED", output: 10 });
    const again = await startTestRun(deps(), h.principal, wf.id, { input: { x: 6 }, revision: 2 });
    expect(again.versionId).toBe(first.versionId);
    expect(await h.waitFor(again.runId)).toMatchObject({ status: "SUCCEEDED", output: 12 });

    expect(await publishWorkflow(h.t.db, h.principal, wf.id, {})).toMatchObject({ number: 1 });
    await saveDraft(h.t.db, h.principal, wf.id, { graph: times(3), revision: 2 });
    const third = await startTestRun(deps(), h.principal, wf.id, { input: { x: 5 }, revision: 3 });
    expect(third.versionId).not.toBe(first.versionId);
    expect(await h.waitFor(third.runId)).toMatchObject({ status: "SUCCEEDED", output: 15 });
    // The published version still multiplies by 2, and the next publish is number 2.
    const published = await startManualRun(deps(), h.principal, wf.id, { input: { x: 5 } });
    expect(await h.waitFor(published.runId)).toMatchObject({ status: "SUCCEEDED", output: 10 });
    expect(await publishWorkflow(h.t.db, h.principal, wf.id, {})).toMatchObject({ number: 2 });

    const snapshots = await h.t.db.workflowVersion.findMany({ where: { workflowId: wf.id }, orderBy: { number: "asc" } });
    expect(snapshots.map((v) => [v.number, v.isTestSnapshot])).toEqual([[-3, true], [-2, true], [1, false], [2, false]]);

    const detail = await getRun(h.t.db, h.principal, third.runId);
    expect(detail).toMatchObject({ isTestRun: true, draftRevision: 3, versionNumber: 0, triggerType: "test", canRerun: false });
    expect(await getRun(h.t.db, h.principal, published.runId)).toMatchObject({ isTestRun: false, draftRevision: null, versionNumber: 1 });
    const list = await listRuns(h.t.db, h.principal, { workflow: wf.id });
    expect(list.items.map((r) => [r.id, r.isTestRun])).toEqual([
      [published.runId, false],
      [third.runId, true],
      [again.runId, true],
      [first.runId, true],
    ]);
    const audits = await h.t.db.auditEvent.count({ where: { action: "workflow.test_snapshot_created", resourceId: wf.id } });
    expect(audits).toBe(2);
  });

  it("refuses a stale revision, an invalid draft with every problem, paused and archived workflows, and people who cannot edit", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Guarded" });
    const broken = graph(
      {
        t: { type: "trigger.manual" },
        c: { type: "control.condition", config: { condition: "nodes.ghost.output >" } },
        lonely: { type: "tool.transform", config: { expression: "1" } },
      },
      ["t>c"],
    );
    const saved = await saveDraft(h.t.db, h.principal, wf.id, { graph: broken, revision: 1 });
    const stale = await errorOf(startTestRun(deps(), h.principal, wf.id, { revision: 1 }));
    expect(stale).toMatchObject({ code: "CONFLICT", details: { currentRevision: 2, yourRevision: 1 } });
    const invalid = await errorOf(startTestRun(deps(), h.principal, wf.id, { revision: 2 }));
    expect(invalid?.status).toBe(400);
    expect(invalid?.message).toMatch(/^The workflow cannot be tested/);
    expect((invalid?.details?.problems as unknown[]).length).toBe(saved.problems.length);
    expect(await h.t.db.workflowVersion.count({ where: { workflowId: wf.id } })).toBe(0);

    await saveDraft(h.t.db, h.principal, wf.id, { graph: times(1), revision: 2 });
    for (const role of ["viewer", "approver"] as const) {
      expect(await errorOf(startTestRun(deps(), as(role), wf.id, { revision: 3 }))).toMatchObject({ code: "FORBIDDEN" });
    }
    await publishWorkflow(h.t.db, h.principal, wf.id, {});
    await setWorkflowStatus(deps(), h.principal, wf.id, { action: "pause" });
    expect(await errorOf(startTestRun(deps(), h.principal, wf.id, { revision: 3 }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("paused") });
    await setWorkflowStatus(deps(), h.principal, wf.id, { action: "archive" });
    expect(await errorOf(startTestRun(deps(), h.principal, wf.id, { revision: 3 }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("archived") });
    expect(await errorOf(startTestRun(deps(), h.principal, wf.id, { revision: 0 }))).toMatchObject({ code: "VALIDATION" });
  });
});
