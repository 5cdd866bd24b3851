import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRun, seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { countPendingApprovals, listPendingApprovals } from "./list-pending";

let t: TTestDb;
let f: TTwoTeams;
const now = new Date("2026-11-21T12:00:00Z");

async function approval(
  teamId: string,
  workflowId: string,
  versionId: string,
  title: string,
  extra: { status?: "PENDING" | "APPROVED"; dueAt?: Date; isGenerated?: boolean; details?: object; assigneeRole?: "approver" | "admin" } = {},
) {
  const run = await createRun(t.db, teamId, workflowId, versionId, {
    status: "WAITING",
    isGenerated: extra.isGenerated,
  });
  const step = await t.db.stepRun.create({
    data: { runId: run.id, nodeId: "approve", nodeType: "approval", status: "WAITING" },
  });
  return t.db.approval.create({
    data: {
      runId: run.id,
      stepRunId: step.id,
      teamId,
      title,
      details: extra.details ?? {},
      assigneeRole: extra.assigneeRole ?? "approver",
      status: extra.status ?? "PENDING",
      dueAt: extra.dueAt,
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase("approvals");
  f = await seedTwoTeams(t.db);
  await approval(f.teamA, f.workflowA, f.versionA, "A overdue", { dueAt: new Date(now.getTime() - 3600_000) });
  await approval(f.teamA, f.workflowA, f.versionA, "A later", { dueAt: new Date(now.getTime() + 3600_000) });
  await approval(f.teamA, f.workflowA, f.versionA, "A no deadline", { isGenerated: true });
  await approval(f.teamA, f.workflowA, f.versionA, "A decided", { status: "APPROVED" });
  await approval(f.teamB, f.workflowB, f.versionB, "B secret");
  await approval(f.teamB, f.workflowB, f.versionB, "B held by policy", {
    dueAt: new Date(now.getTime() + 7200_000),
    details: { kind: "policy", reason: "Large payments v1: approval required", rules: ["Large payments v1: approval required"], subject: "Sandbox/sandbox-fast" },
  });
  await approval(f.teamB, f.workflowB, f.versionB, "B for admins", { dueAt: new Date(now.getTime() + 9000_000), assigneeRole: "admin" });
});
afterAll(async () => t.drop());

describe("pending approvals team scoping", () => {
  it("shows an approver of team A only A's pending approvals, most urgent first", async () => {
    const p = await f.principal("approver-a@test.local");
    const items = await listPendingApprovals(t.db, p, now);
    expect(items.map((a) => a.title)).toEqual(["A overdue", "A later", "A no deadline"]);
    expect(items.map((a) => a.isOverdue)).toEqual([true, false, false]);
    // An approval of a generated demo run is marked as such, so the Inbox can label it.
    expect(items.map((a) => a.isGenerated)).toEqual([false, false, true]);
    expect(items[0]).toMatchObject({ teamName: "Alpha", workflowName: "Alpha triage", workflowId: f.workflowA });
    expect(items.map((a) => [a.hold, a.canDecide])).toEqual([[null, true], [null, true], [null, true]]);
    expect(await countPendingApprovals(t.db, p)).toBe(3);
  });

  it("shows nothing to a viewer, who has no approval:read", async () => {
    const p = await f.principal("viewer-a@test.local");
    expect(await listPendingApprovals(t.db, p, now)).toEqual([]);
    expect(await countPendingApprovals(t.db, p)).toBe(0);
  });

  it("counts only the teams where the role allows it for a person in two teams", async () => {
    // Viewer in A (no approvals), builder in B (approval:read).
    const p = await f.principal("both@test.local");
    expect((await listPendingApprovals(t.db, p, now)).map((a) => a.title)).toEqual(["B held by policy", "B for admins", "B secret"]);
    expect(await countPendingApprovals(t.db, p)).toBe(3);
  });

  it("reads a policy's hold into its reason and rules, and says who may decide", async () => {
    const admin = await listPendingApprovals(t.db, await f.principal("admin-b@test.local"), now);
    expect(admin.map((a) => [a.title, a.canDecide])).toEqual([["B held by policy", true], ["B for admins", true], ["B secret", true]]);
    expect(admin[0]!.hold).toEqual({
      reason: "Large payments v1: approval required",
      rules: ["Large payments v1: approval required"],
      subject: "Sandbox/sandbox-fast",
      projectedCostUsd: null,
      coversLaterCalls: false,
    });
    // A builder reads approvals but does not decide them.
    const builder = await listPendingApprovals(t.db, await f.principal("both@test.local"), now);
    expect(builder.map((a) => a.canDecide)).toEqual([false, false, false]);
  });
});
