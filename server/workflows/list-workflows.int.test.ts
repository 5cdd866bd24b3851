import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRun, seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { listWorkflows } from "./list-workflows";

let t: TTestDb;
let f: TTwoTeams;
const now = new Date("2026-11-21T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

beforeAll(async () => {
  t = await createTestDatabase("wflist");
  f = await seedTwoTeams(t.db);
  await createRun(t.db, f.teamA, f.workflowA, f.versionA, {
    status: "SUCCEEDED",
    costUsd: "0.10000001",
    createdAt: daysAgo(1),
  });
  await createRun(t.db, f.teamA, f.workflowA, f.versionA, {
    status: "SUCCEEDED",
    costUsd: "0.2",
    createdAt: daysAgo(2),
    isGenerated: true,
  });
  await createRun(t.db, f.teamA, f.workflowA, f.versionA, { status: "FAILED", costUsd: "0.3", createdAt: daysAgo(3) });
  await createRun(t.db, f.teamA, f.workflowA, f.versionA, { status: "RUNNING", createdAt: daysAgo(0.1) });
  // Outside the 7-day window: counts for "last run" ordering only, not for the stats.
  await createRun(t.db, f.teamA, f.workflowA, f.versionA, { status: "FAILED", costUsd: "9", createdAt: daysAgo(10) });
  await createRun(t.db, f.teamB, f.workflowB, f.versionB, { status: "SUCCEEDED", costUsd: "5", createdAt: daysAgo(1) });
  // The newest run is a failed test from the builder: its cost counts, nothing else does.
  await createRun(t.db, f.teamA, f.workflowA, f.versionA, { status: "FAILED", costUsd: "0.05", createdAt: daysAgo(0.01), triggerType: "test" });
});
afterAll(async () => t.drop());

describe("listWorkflows team scoping", () => {
  it("shows a viewer of team A only team A's workflows", async () => {
    const list = await listWorkflows(t.db, await f.principal("viewer-a@test.local"), {}, now);
    expect(list.items.map((w) => w.name)).toEqual(["Alpha triage"]);
    expect(list.teams.map((x) => x.name)).toEqual(["Alpha"]);
  });

  it("ignores a team filter naming a team the person is not in", async () => {
    const list = await listWorkflows(t.db, await f.principal("viewer-a@test.local"), { team: f.teamB }, now);
    expect(list.items.map((w) => w.id)).toEqual([f.workflowA]);
    expect(list.filters.team).toBeUndefined();
  });

  it("lets a member of both teams see both, and filter by team", async () => {
    const both = await f.principal("both@test.local");
    expect((await listWorkflows(t.db, both, {}, now)).items).toHaveLength(2);
    const onlyB = await listWorkflows(t.db, both, { team: f.teamB }, now);
    expect(onlyB.items.map((w) => w.id)).toEqual([f.workflowB]);
  });

  it("shows nothing to a person without a team", async () => {
    expect((await listWorkflows(t.db, await f.principal("nobody@test.local"), {}, now)).items).toEqual([]);
  });

  it("computes 7-day stats from runs, exactly (test runs count for cost only)", async () => {
    const [wf] = (await listWorkflows(t.db, await f.principal("viewer-a@test.local"), {}, now)).items;
    expect(wf).toMatchObject({ runs7d: 4, costUsd7d: "0.65000001", publishedVersion: 3, teamName: "Alpha" });
    // One of them is generated demo history: the list says the stats include it.
    expect(wf?.generatedRuns7d).toBe(1);
    expect(wf?.successRate7d).toBeCloseTo(2 / 3);
    expect(wf?.lastRunAt).toBe(daysAgo(0.1).toISOString());
  });

  it("searches name and tags, filters by status, and survives bad parameters", async () => {
    const p = await f.principal("both@test.local");
    expect((await listWorkflows(t.db, p, { q: "ALPHA" }, now)).items.map((w) => w.id)).toEqual([f.workflowA]);
    expect((await listWorkflows(t.db, p, { q: "finance" }, now)).items.map((w) => w.id)).toEqual([f.workflowB]);
    expect((await listWorkflows(t.db, p, { status: "draft" }, now)).items).toEqual([]);
    const bad = await listWorkflows(t.db, p, { status: "NOPE", team: "'; drop table", q: "x".repeat(500) }, now);
    expect(bad.items).toHaveLength(2);
    expect(bad.filters).toEqual({ q: undefined, team: undefined, status: undefined, owner: undefined });
  });
});

describe("listWorkflows owners and archived workflows", () => {
  let mine: string;
  let archived: string;
  beforeAll(async () => {
    const both = await f.principal("both@test.local");
    const admin = await f.principal("admin-b@test.local");
    const make = (name: string, createdById: string, status: "draft" | "archived") =>
      t.db.workflow.create({
        data: { teamId: f.teamB, name, status, createdById, draftGraph: { nodes: [], edges: [] }, webhookSecret: `s-${name}` },
      });
    mine = (await make("Beta draft by both", both.id, "draft")).id;
    archived = (await make("Beta archived by admin", admin.id, "archived")).id;
  });

  it("hides archived workflows unless the status filter asks for them", async () => {
    const p = await f.principal("both@test.local");
    const all = await listWorkflows(t.db, p, {}, now);
    expect(all.items.map((w) => w.id)).not.toContain(archived);
    expect(all.items).toHaveLength(3);
    expect((await listWorkflows(t.db, p, { status: "archived" }, now)).items.map((w) => w.id)).toEqual([archived]);
  });

  it("filters by owner: Mine, or a person of the person's teams, and names the owner", async () => {
    const both = await f.principal("both@test.local");
    const admin = await f.principal("admin-b@test.local");
    const list = await listWorkflows(t.db, both, { owner: "me" }, now);
    expect(list.items.map((w) => w.id)).toEqual([mine]);
    expect(list.items[0]).toMatchObject({ ownerId: both.id, ownerName: "both", canWrite: true });
    expect(list.filters.owner).toBe("me");
    // The others of both's teams, not both: "Mine" stands for them.
    expect(list.owners.map((o) => o.name)).toEqual(["admin-b", "approver-a", "viewer-a"]);

    const byAdmin = await listWorkflows(t.db, both, { owner: admin.id, status: "archived" }, now);
    expect(byAdmin.items.map((w) => w.id)).toEqual([archived]);
    expect(byAdmin.items[0]?.ownerName).toBe("admin-b");
    expect((await listWorkflows(t.db, both, { owner: admin.id }, now)).items).toEqual([]);

    // Someone outside the person's teams is not a filter: ignored.
    const viewer = await f.principal("viewer-a@test.local");
    const ignored = await listWorkflows(t.db, viewer, { owner: admin.id }, now);
    expect(ignored.filters.owner).toBeUndefined();
    expect(ignored.items.map((w) => w.id)).toEqual([f.workflowA]);
    expect(ignored.items[0]).toMatchObject({ ownerId: null, ownerName: null, canWrite: false });
  });
});
