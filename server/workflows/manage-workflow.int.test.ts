import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { createWorkflow } from "./create-workflow";
import { saveDraft } from "./save-draft";
import { publishWorkflow } from "./publish-workflow";
import { setWorkflowStatus } from "./set-workflow-status";
import { startManualRun } from "../runs/start-manual-run";
import { AppError } from "../errors";
import type { TPrincipal } from "../auth/permissions";

let h: THarness;
beforeAll(async () => {
  h = await startHarness("manage");
});
afterAll(async () => h.close());

const deps = () => ({ db: h.t.db, redis: h.redis });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
const valid = graph(
  { t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "trigger.body.x * 3" } } },
  ["t>out"],
);

describe("workflow lifecycle", () => {
  it("creates, saves, publishes and runs a workflow", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Triple" });
    const saved = await saveDraft(h.t.db, h.principal, wf.id, { graph: valid, revision: wf.draftRevision });
    expect(saved).toMatchObject({ draftRevision: 2, problems: [] });
    expect(await publishWorkflow(h.t.db, h.principal, wf.id, { note: "first" })).toMatchObject({ number: 1 });
    const { runId } = await startManualRun(deps(), h.principal, wf.id, { input: { x: 5 } });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: 15 });
  });

  it("refuses a malformed graph on save and an invalid one on publish, listing every problem", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Broken" });
    const malformed = await errorOf(saveDraft(h.t.db, h.principal, wf.id, { graph: { nodes: [{ id: "1bad", type: "nope" }], edges: [{ id: "e1", source: "ghost" }] }, revision: 1 }));
    expect(malformed?.status).toBe(400);
    expect(malformed?.issues.length).toBeGreaterThanOrEqual(2);

    const incomplete = graph(
      {
        t: { type: "trigger.manual" },
        t2: { type: "trigger.webhook" },
        c: { type: "control.condition", config: { condition: "nodes.ghost.output >" } },
        lonely: { type: "tool.transform", config: { expression: "1" } },
      },
      ["t>c"],
    );
    const saved = await saveDraft(h.t.db, h.principal, wf.id, { graph: incomplete, revision: 1 });
    expect(saved.problems.length).toBeGreaterThanOrEqual(3);
    const refused = await errorOf(publishWorkflow(h.t.db, h.principal, wf.id, {}));
    expect(refused?.status).toBe(400);
    const problems = (refused?.details?.problems ?? []) as { nodeId: string | null; message: string }[];
    expect(problems.length).toBe(saved.problems.length);
    expect(problems.some((p) => p.message.includes("exactly one trigger"))).toBe(true);
    expect(problems.some((p) => p.nodeId === "c")).toBe(true);
    expect(problems.some((p) => p.nodeId === "lonely")).toBe(true);
    expect(await h.t.db.workflowVersion.count({ where: { workflowId: wf.id } })).toBe(0);
  });

  it("refuses a save from a stale tab instead of overwriting", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Shared" });
    await saveDraft(h.t.db, h.principal, wf.id, { graph: valid, revision: 1 });
    const stale = await errorOf(saveDraft(h.t.db, h.principal, wf.id, { graph: { nodes: [], edges: [] }, revision: 1 }));
    expect(stale).toMatchObject({ status: 409, details: { currentRevision: 2, yourRevision: 1 } });
    const kept = await h.t.db.workflow.findUniqueOrThrow({ where: { id: wf.id } });
    expect((kept.draftGraph as { nodes: unknown[] }).nodes).toHaveLength(2);
  });

  it("holds runs of a paused workflow and starts them on resume", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Pausable", graph: valid });
    await publishWorkflow(h.t.db, h.principal, wf.id, {});
    const { runId } = await startManualRun(deps(), h.principal, wf.id, { input: { x: 1 } });
    await h.waitFor(runId);
    await setWorkflowStatus(deps(), h.principal, wf.id, { action: "pause" });
    expect((await errorOf(startManualRun(deps(), h.principal, wf.id, {})))?.status).toBe(409);
    // A run queued just before the pause (e.g. by a webhook in flight) waits.
    const queued = await h.start(wf.id, { x: 2 });
    await new Promise((r) => setTimeout(r, 500));
    expect((await h.t.db.run.findUniqueOrThrow({ where: { id: queued } })).status).toBe("QUEUED");
    await setWorkflowStatus(deps(), h.principal, wf.id, { action: "resume" });
    expect(await h.waitFor(queued)).toMatchObject({ status: "SUCCEEDED", output: 6 });
  });

  it("lets only the right roles act", async () => {
    const viewer: TPrincipal = { ...h.principal, id: h.principal.id, memberships: [{ ...h.principal.memberships[0]!, role: "viewer" }] };
    expect((await errorOf(createWorkflow(h.t.db, viewer, { teamId: h.teamId, name: "Nope" })))?.status).toBe(403);
    const wf = await h.t.db.workflow.findFirstOrThrow({ where: { name: "Triple" } });
    expect((await errorOf(publishWorkflow(h.t.db, viewer, wf.id, {})))?.status).toBe(403);
    expect((await errorOf(startManualRun(deps(), viewer, wf.id, {})))?.status).toBe(403);
    const stranger: TPrincipal = { ...h.principal, memberships: [] };
    expect((await errorOf(startManualRun(deps(), stranger, wf.id, {})))?.status).toBe(404);
  });

  it("fires schedule triggers, and a paused workflow's schedule stops", async () => {
    const g = graph({ t: { type: "trigger.schedule", config: { cron: "* * * * * *", timezone: "UTC", input: { tick: true } } }, out: { type: "control.output", config: { value: "trigger.body.tick" } } }, ["t>out"]);
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Every second", graph: g });
    await publishWorkflow(h.t.db, h.principal, wf.id, {});
    for (let i = 0; i < 60 && (await h.t.db.run.count({ where: { workflowId: wf.id, status: "SUCCEEDED" } })) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const runs = await h.t.db.run.findMany({ where: { workflowId: wf.id } });
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.triggerType === "schedule")).toBe(true);
    await setWorkflowStatus(deps(), h.principal, wf.id, { action: "pause" });
    await new Promise((r) => setTimeout(r, 300));
    const afterPause = await h.t.db.run.count({ where: { workflowId: wf.id } });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await h.t.db.run.count({ where: { workflowId: wf.id } })).toBe(afterPause);
  });

  it("starts event-triggered workflows when a watched workflow's run ends", async () => {
    const source = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Source", graph: valid });
    await publishWorkflow(h.t.db, h.principal, source.id, {});
    const listenerGraph = graph(
      { t: { type: "trigger.event", config: { source: { kind: "workflow", workflowId: source.id, on: "succeeded" } } }, out: { type: "control.output", config: { value: "trigger.body.output + 1" } } },
      ["t>out"],
    );
    const listener = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Listener", graph: listenerGraph });
    await publishWorkflow(h.t.db, h.principal, listener.id, {});
    const { clearEventListenerCache } = await import("../engine/event-triggers");
    clearEventListenerCache();
    const { runId } = await startManualRun(deps(), h.principal, source.id, { input: { x: 2 } });
    await h.waitFor(runId);
    for (let i = 0; i < 100 && (await h.t.db.run.count({ where: { workflowId: listener.id } })) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const triggered = await h.t.db.run.findFirstOrThrow({ where: { workflowId: listener.id } });
    expect(triggered.triggerType).toBe("event");
    expect(await h.waitFor(triggered.id)).toMatchObject({ status: "SUCCEEDED", output: 7 });
  });
});
