import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRun, seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { findReadableRun, getRun } from "./get-run";

let t: TTestDb;
let f: TTwoTeams;
let runA: string;
let runB: string;
let loopRun: string;
const t0 = new Date("2026-11-01T10:00:00Z").getTime();
const at = (s: number) => new Date(t0 + s * 1000);

// An outer loop whose body holds an inner loop: outer.item > inner, inner.item > x > inner.back, inner.done > outer.back.
const node = (id: string, type: string) => ({ id, type, typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
const edge = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
  id: `${source}.${sourceHandle}>${target}.${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});
const LOOP_GRAPH = {
  nodes: [
    node("t", "trigger.manual"),
    node("outer", "control.loop"),
    node("inner", "control.loop"),
    node("x", "tool.transform"),
    node("out", "control.output"),
  ],
  edges: [
    edge("t", "out", "outer", "in"),
    edge("outer", "item", "inner", "in"),
    edge("inner", "item", "x", "in"),
    edge("x", "out", "inner", "back"),
    edge("inner", "done", "outer", "back"),
    edge("outer", "done", "out", "in"),
  ],
};

async function step(
  runId: string,
  nodeId: string,
  nodeType: string,
  iterationKey: string,
  startedAtSec: number | null,
  extra: Partial<Prisma.StepRunUncheckedCreateInput> = {},
) {
  return t.db.stepRun.create({
    data: {
      runId,
      nodeId,
      nodeType,
      iterationKey,
      status: "SUCCEEDED",
      startedAt: startedAtSec === null ? null : at(startedAtSec),
      ...extra,
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase("getrun");
  f = await seedTwoTeams(t.db);
  const a = await createRun(t.db, f.teamA, f.workflowA, f.versionA, { status: "WAITING", costUsd: "0.01234567" });
  runA = a.id;
  // Created out of execution order: the list must follow startedAt, with never-started steps after.
  await step(runA, "review", "control.approval", "", 5, { status: "WAITING", waitKind: "approval" });
  await step(runA, "trigger", "trigger.manual", "", 0);
  await step(runA, "later", "tool.transform", "", null, { status: "PENDING" });
  await step(runA, "llm", "ai.llm", "", 1, {
    model: "gpt-test",
    tokensIn: 10,
    tokensOut: 5,
    costUsd: "0.00012",
    latencyMs: 800,
  });
  const review = await t.db.stepRun.findFirstOrThrow({ where: { runId: runA, nodeId: "review" } });
  const llm = await t.db.stepRun.findFirstOrThrow({ where: { runId: runA, nodeId: "llm" } });
  await t.db.approval.create({
    data: { runId: runA, stepRunId: review.id, teamId: f.teamA, title: "Check it", details: { amount: 5 } },
  });
  // A decided one (on another step) that needed an admin.
  await t.db.approval.create({
    data: {
      runId: runA,
      stepRunId: llm.id,
      teamId: f.teamA,
      title: "Old",
      details: {},
      assigneeRole: "admin",
      status: "APPROVED",
      comment: "ok",
    },
  });
  runB = (await createRun(t.db, f.teamB, f.workflowB, f.versionB)).id;

  const version = await t.db.workflowVersion.create({
    data: { workflowId: f.workflowA, number: 4, graph: LOOP_GRAPH },
  });
  loopRun = (await createRun(t.db, f.teamA, f.workflowA, version.id)).id;
  await step(loopRun, "t", "trigger.manual", "", 0);
  await step(loopRun, "outer", "control.loop", "", 1);
  await step(loopRun, "inner", "control.loop", "1", 3);
  await step(loopRun, "inner", "control.loop", "0", 2);
  await step(loopRun, "x", "tool.transform", "0.1", 2.6);
  await step(loopRun, "x", "tool.transform", "0.0", 2.5);
  await step(loopRun, "x", "tool.transform", "1.0", 3.5, { status: "FAILED", error: "boom", errorCode: "EXPRESSION" });
  // A step whose Loop step is missing (data written by an older engine) stays visible at the top level.
  await step(loopRun, "x", "tool.transform", "7.0", 4);
  await step(loopRun, "out", "control.output", "", 5);
});
afterAll(async () => t.drop());

describe("getRun", () => {
  it("gives a reader the run, its workflow and version, steps in execution order and approvals", async () => {
    const run = await getRun(t.db, await f.principal("viewer-a@test.local"), runA);
    expect(run).toMatchObject({
      id: runA,
      workflowName: "Alpha triage",
      versionNumber: 3,
      teamName: "Alpha",
      status: "WAITING",
      costUsd: "0.01234567",
    });
    expect(run.steps.map((s) => s.nodeId)).toEqual(["trigger", "llm", "review", "later"]);
    expect(run.steps[1]).toMatchObject({
      model: "gpt-test",
      tokensIn: 10,
      costUsd: "0.00012",
      latencyMs: 800,
      iterations: [],
    });
    expect(run.approvals.map((a) => [a.title, a.nodeId, a.status])).toEqual([
      ["Check it", "review", "PENDING"],
      ["Old", "llm", "APPROVED"],
    ]);
    // A viewer sees the request but may neither decide nor cancel.
    expect(run.approvals.every((a) => !a.canDecide)).toBe(true);
    expect(run.canCancel).toBe(false);
  });

  it("lets an approver decide pending requests for approvers, not those for admins or already decided", async () => {
    const run = await getRun(t.db, await f.principal("approver-a@test.local"), runA);
    expect(run.approvals.map((a) => a.canDecide)).toEqual([true, false]);
    expect(run.canCancel).toBe(false);
  });

  it("is a 404 for a run in another team, exactly as for one that does not exist", async () => {
    const viewer = await f.principal("viewer-a@test.local");
    const hidden = await getRun(t.db, viewer, runB).catch((e: unknown) => e);
    const missing = await getRun(t.db, viewer, "no-such-run").catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(AppError);
    expect(hidden).toMatchObject({ code: "NOT_FOUND" });
    expect((hidden as AppError).message).toBe((missing as AppError).message);
    await expect(getRun(t.db, await f.principal("nobody@test.local"), runA)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(findReadableRun(t.db, viewer, runB)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Ids come from URLs: one that cannot be an id is not found, never a database error.
    for (const bad of ["\u0000", "a/b", "x".repeat(500), ""]) {
      await expect(getRun(t.db, viewer, bad)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("gives a team admin the run of their team with the right to cancel it while it is active", async () => {
    const admin = await f.principal("admin-b@test.local");
    const run = await getRun(t.db, admin, runB);
    expect(run.teamName).toBe("Beta");
    expect(run.canCancel).toBe(false); // SUCCEEDED
    await t.db.run.update({ where: { id: runB }, data: { status: "RUNNING" } });
    expect((await getRun(t.db, admin, runB)).canCancel).toBe(true);
    await expect(findReadableRun(t.db, admin, runB)).resolves.toMatchObject({ teamId: f.teamB, status: "RUNNING" });
  });

  it("nests loop iterations under their loop step, inner loops inside outer iterations, by item index", async () => {
    const run = await getRun(t.db, await f.principal("viewer-a@test.local"), loopRun);
    expect(run.stepCount).toBe(9);
    expect(run.steps.map((s) => `${s.nodeId}@${s.iterationKey}`)).toEqual(["t@", "outer@", "x@7.0", "out@"]);
    const outer = run.steps[1]!;
    expect(outer.iterations.map((it) => [it.index, it.steps.map((s) => `${s.nodeId}@${s.iterationKey}`)])).toEqual([
      [0, ["inner@0"]],
      [1, ["inner@1"]],
    ]);
    const inner0 = outer.iterations[0]!.steps[0]!;
    expect(inner0.iterations.map((it) => [it.index, it.steps.map((s) => s.iterationKey)])).toEqual([
      [0, ["0.0"]],
      [1, ["0.1"]],
    ]);
    const inner1 = outer.iterations[1]!.steps[0]!;
    expect(inner1.iterations[0]!.steps[0]).toMatchObject({ status: "FAILED", error: "boom", errorCode: "EXPRESSION" });
  });
});
