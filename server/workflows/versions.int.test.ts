import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import type { TPrincipal, TRole } from "../auth/permissions";
import { AppError } from "../errors";
import { createWorkflow } from "./create-workflow";
import { saveDraft } from "./save-draft";
import { publishWorkflow } from "./publish-workflow";
import { getVersion, listVersions } from "./list-versions";
import { diffWorkflow } from "./diff-workflow";
import { restoreVersion } from "./restore-version";
import { startTestRun } from "./start-test-run";

let h: THarness;
beforeAll(async () => {
  h = await startHarness("versions");
});
afterAll(async () => h.close());

const as = (role: TRole): TPrincipal => ({ ...h.principal, memberships: h.principal.memberships.map((m) => ({ ...m, role })) });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));

const v1 = graph({ t: { type: "trigger.manual" }, out: { type: "control.output", config: { value: "trigger.body.x" } } }, ["t>out"]);
const v2 = graph(
  {
    t: { type: "trigger.manual" },
    double: { type: "tool.transform", config: { expression: "trigger.body.x * 2" } },
    out: { type: "control.output", config: { value: "nodes.double.output" } },
  },
  ["t>double", "double>out"],
);

describe("version history", () => {
  it("lists published versions newest first (never test snapshots), shows one, diffs, and restores one into the draft", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Versioned" });
    await saveDraft(h.t.db, h.principal, wf.id, { graph: v1, revision: 1 });
    await publishWorkflow(h.t.db, h.principal, wf.id, { note: "first" });
    await saveDraft(h.t.db, h.principal, wf.id, { graph: v2, revision: 2 });
    await startTestRun({ db: h.t.db, redis: h.redis }, h.principal, wf.id, { input: { x: 1 }, revision: 3 });
    await publishWorkflow(h.t.db, h.principal, wf.id, { note: "double it" });

    const versions = await listVersions(h.t.db, as("viewer"), wf.id);
    expect(versions.map((v) => [v.number, v.note, v.isPublished, v.nodeCount, v.createdByName])).toEqual([
      [2, "double it", true, 3, "Ann"],
      [1, "first", false, 2, "Ann"],
    ]);
    const one = await getVersion(h.t.db, as("viewer"), wf.id, "1");
    expect(one).toMatchObject({ number: 1, note: "first", isPublished: false });
    expect(one.graph).toEqual(v1);

    const diff = await diffWorkflow(h.t.db, as("viewer"), wf.id, { from: "1", to: "2" });
    expect(diff.addedNodes.map((n) => n.id)).toEqual(["double"]);
    expect(diff.changedNodes).toEqual([
      { id: "out", type: "control.output", label: "out", changes: [{ path: "config.value", before: "trigger.body.x", after: "nodes.double.output" }] },
    ]);
    expect(diff.removedEdges.map((e) => `${e.source}>${e.target}`)).toEqual(["t>out"]);
    const none = await diffWorkflow(h.t.db, h.principal, wf.id, { from: "draft", to: "2" });
    expect(Object.values(none).every((list) => list.length === 0)).toBe(true);

    // A stale tab cannot restore over a newer draft; the current revision comes back so the builder can reload.
    const stale = await errorOf(restoreVersion(h.t.db, h.principal, wf.id, "1", { revision: 2 }));
    expect(stale).toMatchObject({ code: "CONFLICT", details: { currentRevision: 3, yourRevision: 2 } });
    expect(await errorOf(restoreVersion(h.t.db, as("viewer"), wf.id, "1", { revision: 3 }))).toMatchObject({ code: "FORBIDDEN" });

    const restored = await restoreVersion(h.t.db, h.principal, wf.id, "1", { revision: 3 });
    expect(restored).toEqual({ draftRevision: 4, problems: [] });
    const row = await h.t.db.workflow.findUniqueOrThrow({ where: { id: wf.id } });
    expect(row.draftGraph).toEqual(v1);
    expect(row.draftRevision).toBe(4);
    const audit = await h.t.db.auditEvent.findFirst({ where: { action: "workflow.version_restored", resourceId: wf.id } });
    expect(audit?.data).toMatchObject({ version: 1, revision: 4 });
    // Versions themselves never change.
    expect((await getVersion(h.t.db, h.principal, wf.id, "2")).graph).toEqual(v2);
  });

  it("answers bad version numbers with 400 and missing versions or workflows with 404", async () => {
    const wf = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Unpublished" });
    for (const bad of ["0", "-1", "abc", "1.5", ""]) {
      expect(await errorOf(getVersion(h.t.db, h.principal, wf.id, bad))).toMatchObject({ code: "VALIDATION" });
    }
    expect(await errorOf(getVersion(h.t.db, h.principal, wf.id, "7"))).toMatchObject({ code: "NOT_FOUND", message: "This workflow has no version 7." });
    expect(await errorOf(restoreVersion(h.t.db, h.principal, wf.id, "7", { revision: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await errorOf(listVersions(h.t.db, h.principal, "missing"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await listVersions(h.t.db, h.principal, wf.id)).toEqual([]);
    const missingRef = await errorOf(diffWorkflow(h.t.db, h.principal, wf.id, { from: "draft", to: null }));
    expect(missingRef?.code).toBe("VALIDATION");
    expect(missingRef?.issues[0]?.message).toContain("compare to");
    const badRef = await errorOf(diffWorkflow(h.t.db, h.principal, wf.id, { from: "latest", to: "draft" }));
    expect(badRef?.issues[0]).toMatchObject({ path: "from" });
    expect(await errorOf(diffWorkflow(h.t.db, h.principal, wf.id, { from: "draft", to: "3" }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
