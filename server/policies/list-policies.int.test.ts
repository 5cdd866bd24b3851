import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { listBudgets, listPolicies } from "./list-policies";

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("policies");
  f = await seedTwoTeams(t.db);
  await t.db.policy.createMany({
    data: [
      { name: "Global PII", teamId: null },
      { name: "Alpha models", teamId: f.teamA },
      { name: "Beta models", teamId: f.teamB },
    ],
  });
  const periodStart = new Date("2026-11-01T00:00:00Z");
  await t.db.budget.createMany({
    data: [
      { name: "Org monthly", scope: "org", period: "month", amountUsd: "1000", spentUsd: "250", periodStart },
      {
        name: "Alpha team",
        scope: "team",
        teamId: f.teamA,
        period: "month",
        amountUsd: "100",
        spentUsd: "90",
        periodStart,
      },
      {
        name: "Beta workflow",
        scope: "workflow",
        workflowId: f.workflowB,
        period: "day",
        amountUsd: "10",
        periodStart,
      },
      {
        name: "Alpha workflow",
        scope: "workflow",
        workflowId: f.workflowA,
        period: "day",
        amountUsd: "0",
        periodStart,
      },
    ],
  });
});
afterAll(async () => t.drop());

describe("policies and budgets team scoping", () => {
  it("shows global policies and the person's team policies only", async () => {
    const items = await listPolicies(t.db, await f.principal("viewer-a@test.local"));
    expect(items.map((p) => p.name)).toEqual(["Alpha models", "Global PII"]);
    expect(items.find((p) => p.name === "Global PII")?.teamName).toBeNull();
  });

  it("shows org budgets and those belonging to the person's teams, resolving workflow budgets to their team", async () => {
    const items = await listBudgets(t.db, await f.principal("viewer-a@test.local"));
    expect(items.map((b) => b.name).sort()).toEqual(["Alpha team", "Alpha workflow", "Org monthly"]);
    expect(items.find((b) => b.name === "Alpha team")).toMatchObject({
      usedRatio: 0.9,
      scopeLabel: "Alpha",
      amountUsd: "100",
    });
    expect(items.find((b) => b.name === "Alpha workflow")).toMatchObject({
      usedRatio: 0,
      scopeLabel: "Workflow: Alpha triage",
    });
  });

  it("shows nothing to a person without a team", async () => {
    const p = await f.principal("nobody@test.local");
    expect(await listPolicies(t.db, p)).toEqual([]);
    expect(await listBudgets(t.db, p)).toEqual([]);
  });
});
