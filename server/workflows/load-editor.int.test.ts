import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { createModelFixtures, type TModelFixtures } from "../gateway/test-fixtures";
import { encryptSecret } from "../crypto/secret-box";
import type { Prisma } from "../db/generated/client";
import type { TPrincipal, TRole } from "../auth/permissions";
import { createWorkflow } from "./create-workflow";
import { setWorkflowStatus } from "./set-workflow-status";
import { loadEditor } from "./load-editor";

let h: THarness;
let f: TModelFixtures;
beforeAll(async () => {
  h = await startHarness("editor");
  f = await createModelFixtures(h.t.db, { primaryUrl: "http://127.0.0.1:9/v1", backupUrl: "http://127.0.0.1:9/v1" });
});
afterAll(async () => h.close());

const as = (role: TRole): TPrincipal => ({ ...h.principal, memberships: h.principal.memberships.map((m) => ({ ...m, role })) });

const looping = graph(
  {
    t: { type: "trigger.manual" },
    l: { type: "control.loop", config: { items: "trigger.body.words", concurrency: 1 } },
    up: { type: "tool.transform", config: { expression: "$uppercase(item)" } },
    out: { type: "control.output", config: { value: "nodes.l.output.results" } },
  },
  ["t>l", "l.item>up", "up>l.back", "l.done>out"],
);

describe("loadEditor", () => {
  it("gives the draft, its problems, the team's catalog without secrets, and the last run's expression scope", async () => {
    await h.t.db.provider.update({ where: { id: f.primaryProviderId }, data: { isEnabled: false } });
    await h.t.db.credential.create({ data: { teamId: h.teamId, name: "CRM token", kind: "bearer", encryptedData: encryptSecret({ token: "s3cret-token" }) } });
    await h.t.db.credential.create({ data: { teamId: f.teamId, name: "Other team", kind: "bearer", encryptedData: encryptSecret({ token: "x" }) } });
    await h.t.db.knowledgeBase.create({ data: { teamId: h.teamId, name: "Policies" } });
    const callable = await h.publish(graph({ t: { type: "trigger.manual" } }, []), { name: "Callable" });
    const archived = await h.publish(graph({ t: { type: "trigger.manual" } }, []), { name: "Old one" });
    await h.t.db.workflow.update({ where: { id: archived }, data: { status: "archived" } });
    await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Never published" });

    const wf = await h.publish(looping, { name: "Shout" });
    const runId = await h.start(wf, { words: ["a", "b"] });
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED" });
    const draft = graph(
      { ...Object.fromEntries(looping.nodes.map((n) => [n.id, n])), lonely: { type: "tool.transform", config: { expression: "1" } } },
      ["t>l", "l.item>up", "up>l.back", "l.done>out"],
    );
    await h.t.db.workflow.update({ where: { id: wf }, data: { draftGraph: draft as unknown as Prisma.InputJsonValue } });

    const editor = await loadEditor(h.t.db, h.principal, wf);
    expect(editor.workflow).toMatchObject({ id: wf, name: "Shout", status: "published", teamName: "Ops", draftRevision: 1, publishedVersion: 1, dataClassification: "internal" });
    expect(editor.graph.nodes.map((n) => n.id)).toEqual(["t", "l", "up", "out", "lonely"]);
    expect(editor.problems.some((p) => p.nodeId === "lonely")).toBe(true);
    expect([editor.canEdit, editor.canPublish, editor.canRun]).toEqual([true, true, true]);

    const { catalog } = editor;
    const sandbox = catalog.models.find((m) => m.id === f.sandboxModelId);
    expect(sandbox).toMatchObject({ name: "sandbox-fast", inputPricePerMTok: "0.15", outputPricePerMTok: "0.6" });
    expect(sandbox?.providerName).toMatch(/^Sandbox /);
    // The primary provider is disabled: its model is not offered.
    expect(catalog.models.some((m) => m.id === f.primaryModelId)).toBe(false);
    expect(catalog.routes.find((r) => r.name === f.fallbackRoute)).toMatchObject({ strategy: "fallback", modelIds: [f.primaryModelId, f.backupModelId] });
    expect(catalog.credentials).toEqual([{ id: expect.any(String), name: "CRM token", kind: "bearer" }]);
    expect(JSON.stringify(catalog)).not.toContain("s3cret");
    expect(catalog.knowledgeBases.map((k) => k.name)).toEqual(["Policies"]);
    expect(catalog.workflows.map((w) => w.id)).toEqual([callable]);

    expect(editor.lastRun).toMatchObject({ id: runId, status: "SUCCEEDED", isGenerated: false });
    expect(editor.lastRun?.scope.trigger).toEqual({ body: { words: ["a", "b"] } });
    expect(editor.lastRun?.scope.nodes.l).toEqual({ output: { count: 2, results: ["A", "B"] } });
    // A node inside a loop has no top-level step: its first iteration stands in for it.
    expect(editor.lastRun?.scope.nodes.up).toEqual({ output: "A" });
    expect(editor.lastRun?.scope.nodes.out).toEqual({ output: ["A", "B"] });

    // The seed's generated demo history: the editor is told, so it can say where a suggested input comes from.
    await h.t.db.run.update({ where: { id: runId }, data: { isGenerated: true } });
    expect((await loadEditor(h.t.db, h.principal, wf)).lastRun).toMatchObject({ id: runId, isGenerated: true });
  });

  it("says what a viewer may do, refuses other teams with a 404, and offers no edits on an archived workflow", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Fresh" });
    const viewer = await loadEditor(h.t.db, as("viewer"), wf.id);
    expect([viewer.canEdit, viewer.canPublish, viewer.canRun, viewer.canLowerClassification]).toEqual([false, false, false, false]);
    // A builder may raise the data classification (canEdit), only a team admin may lower it.
    const builder = await loadEditor(h.t.db, as("builder"), wf.id);
    expect([builder.canEdit, builder.canLowerClassification]).toEqual([true, false]);
    expect((await loadEditor(h.t.db, as("admin"), wf.id)).canLowerClassification).toBe(true);
    expect(viewer.lastRun).toBeNull();
    expect(viewer.workflow.publishedVersion).toBeNull();

    const outsider: TPrincipal = { ...h.principal, memberships: [{ teamId: f.teamId, teamSlug: "x", teamName: "X", role: "admin", isTeamArchived: false }] };
    await expect(loadEditor(h.t.db, outsider, wf.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(loadEditor(h.t.db, h.principal, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });

    await setWorkflowStatus({ db: h.t.db, redis: h.redis }, h.principal, wf.id, { action: "archive" });
    const archived = await loadEditor(h.t.db, h.principal, wf.id);
    expect([archived.canEdit, archived.canPublish, archived.canRun, archived.canLowerClassification]).toEqual([false, false, false, false]);
  });
});
