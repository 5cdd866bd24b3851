import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRun, seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { listRuns, RUNS_PAGE_SIZE } from "./list-runs";

let t: TTestDb;
let f: TTwoTeams;
const base = new Date("2026-11-01T00:00:00Z").getTime();

beforeAll(async () => {
  t = await createTestDatabase("runlist");
  f = await seedTwoTeams(t.db);
  // 55 runs in A (one page and a bit), the newest one failed; 3 in B.
  for (let i = 0; i < 55; i++) {
    await createRun(t.db, f.teamA, f.workflowA, f.versionA, {
      status: i === 54 ? "FAILED" : "SUCCEEDED",
      createdAt: new Date(base + i * 60_000),
      isGenerated: i < 50,
      costUsd: "0.01",
    });
  }
  for (let i = 0; i < 3; i++)
    await createRun(t.db, f.teamB, f.workflowB, f.versionB, { createdAt: new Date(base + i * 60_000) });
});
afterAll(async () => t.drop());

describe("listRuns team scoping", () => {
  it("shows a viewer of team A only team A's runs, newest first, 50 per page", async () => {
    const p = await f.principal("viewer-a@test.local");
    const first = await listRuns(t.db, p, {});
    expect(first.total).toBe(55);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(RUNS_PAGE_SIZE);
    expect(first.items.every((r) => r.teamName === "Alpha")).toBe(true);
    expect(first.items[0]).toMatchObject({ status: "FAILED", isGenerated: false, costUsd: "0.01" });
    expect(first.workflows.map((w) => w.id)).toEqual([f.workflowA]);
    const second = await listRuns(t.db, p, { page: "2" });
    expect(second.items).toHaveLength(5);
    expect(second.items.every((r) => r.isGenerated)).toBe(true);
  });

  it("returns nothing for another team's workflow id", async () => {
    const list = await listRuns(t.db, await f.principal("viewer-a@test.local"), { workflow: f.workflowB });
    expect(list.items).toEqual([]);
    expect(list.total).toBe(0);
    expect(list.filters.workflow).toBeUndefined();
  });

  it("lets an admin of team B see only B's runs (admin is per team for team data)", async () => {
    const list = await listRuns(t.db, await f.principal("admin-b@test.local"), {});
    expect(list.total).toBe(3);
    expect(list.items.every((r) => r.workflowId === f.workflowB)).toBe(true);
  });

  it("filters by status, and ignores invalid parameters instead of failing", async () => {
    const p = await f.principal("both@test.local");
    expect((await listRuns(t.db, p, { status: "FAILED" })).total).toBe(1);
    const bad = await listRuns(t.db, p, { status: "NOPE", page: "abc", workflow: "../x" });
    expect(bad.total).toBe(58);
    expect(bad.page).toBe(1);
    expect(bad.filters).toEqual({ status: undefined, workflow: undefined });
    // A page past the end shows the last page.
    expect((await listRuns(t.db, p, { page: "999" })).page).toBe(2);
  });

  it("shows nothing to a person without a team", async () => {
    expect((await listRuns(t.db, await f.principal("nobody@test.local"), {})).items).toEqual([]);
  });
});
