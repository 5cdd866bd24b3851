import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { AppError } from "../errors";
import { createRedis, type TRedis } from "../redis/client";
import { coveringBudgets } from "./ledger";
import { createBudget, deleteBudget, updateBudget } from "./manage-budgets";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;

beforeAll(async () => {
  t = await createTestDatabase("managebudgets");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  await redis.quit();
  await t.drop();
});

const base = { period: "month", amountUsd: "50", warnAt: 0.8, onExceeded: "block" } as const;
const audits = () => t.db.auditEvent.findMany({ where: { action: { startsWith: "budget." } }, orderBy: { seq: "asc" } });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("budget CRUD", () => {
  it("refuses bad input with 400s that name the field, and saves nothing", async () => {
    const org = await f.principal("org@test.local");
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, amountUsd: "12,50" }, "amountUsd", /decimal number/],
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, amountUsd: 50 }, "amountUsd", /as text/],
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, amountUsd: "-1" }, "amountUsd", /decimal number/],
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, warnAt: 80 }, "warnAt", /100 %/],
      [{ ...base, name: "x", scope: "galaxy", teamId: f.teamA }, "scope", /Choose what the budget covers/],
      [{ ...base, name: "x", scope: "team" }, "teamId", /Choose the team/],
      [{ ...base, name: "x", scope: "org", teamId: f.teamA }, "teamId", /belongs to no team/],
      [{ ...base, name: "x", scope: "workflow", teamId: f.teamA }, "targetId", /Choose the workflow/],
      [{ ...base, name: "x", scope: "team", teamId: "no-such-team" }, "teamId", /No team has the id no-such-team/],
      [{ ...base, name: "x", scope: "workflow", teamId: f.teamA, targetId: "no-such-workflow" }, "targetId", /No workflow with the id no-such-workflow belongs to this team/],
      // A workflow that exists, but in the other team.
      [{ ...base, name: "x", scope: "workflow", teamId: f.teamA, targetId: f.workflowB }, "targetId", /belongs to this team/],
      [{ ...base, name: "x", scope: "api_key", teamId: f.teamA, targetId: "nope" }, "targetId", /No API key/],
      [{ ...base, name: "x", scope: "agent", teamId: f.teamA, targetId: "nope" }, "targetId", /No agent/],
      [{ ...base, name: "x", scope: "user", teamId: f.teamB, targetId: (await f.principal("viewer-a@test.local")).id }, "targetId", /No member of this team/],
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, onExceeded: "downgrade" }, "downgradeTo", /Choose the model/],
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, onExceeded: "downgrade", downgradeTo: "gpt-imaginary" }, "downgradeTo", /No model is named gpt-imaginary/],
      [{ ...base, name: "  ", scope: "team", teamId: f.teamA }, "name", /Give the budget a name/],
      [{ ...base, name: "x", scope: "team", teamId: f.teamA, extra: 1 }, "", /extra/i],
    ];
    for (const [input, path, message] of cases) {
      const error = await refusal(createBudget(t.db, org, input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(error!.status, JSON.stringify(input)).toBe(400);
      expect(error!.issues.find((i) => i.path === path)?.message ?? "", `${path} of ${JSON.stringify(input)}: ${JSON.stringify(error!.issues)}`).toMatch(message);
    }
    expect(await t.db.budget.count()).toBe(0);
    expect(await audits()).toEqual([]);
  });

  it("lets a team admin manage their own team's budgets only, and nobody but organisation admins manage budgets of no team", async () => {
    const adminB = await f.principal("admin-b@test.local");
    const forbidden = [
      [adminB, { ...base, name: "A team", scope: "team", teamId: f.teamA }],
      [adminB, { ...base, name: "A workflow", scope: "workflow", teamId: f.teamA, targetId: f.workflowA }],
      [adminB, { ...base, name: "Org", scope: "org" }],
      [await f.principal("both@test.local"), { ...base, name: "B by a builder", scope: "team", teamId: f.teamB }],
      [await f.principal("viewer-a@test.local"), { ...base, name: "A by a viewer", scope: "team", teamId: f.teamA }],
    ] as const;
    for (const [who, input] of forbidden) {
      const error = await refusal(createBudget(t.db, who, input));
      expect(error?.status, `${who.email}: ${input.name}`).toBe(403);
    }
    expect(await t.db.budget.count()).toBe(0);

    const created = await createBudget(t.db, adminB, { ...base, name: "Beta pipeline", scope: "workflow", teamId: f.teamB, targetId: f.workflowB, period: "week", amountUsd: "12.5", warnAt: 0.75 });
    expect(created).toMatchObject({ scope: "workflow", teamId: f.teamB, workflowId: f.workflowB, period: "week" });
    expect(created.amountUsd.toFixed()).toBe("12.5");
    // The change applies to the next model call in this process at once (the budget cache was cleared).
    expect((await coveringBudgets({ db: t.db, redis }, { teamId: f.teamB, workflowId: f.workflowB })).map((b) => b.id)).toEqual([created.id]);

    // Moving it to another team is refused like creating it there, and leaves it as it was.
    const move = await refusal(updateBudget(t.db, adminB, created.id, { ...base, name: "Moved", scope: "team", teamId: f.teamA }));
    expect(move?.status).toBe(403);
    expect((await t.db.budget.findUniqueOrThrow({ where: { id: created.id } })).name).toBe("Beta pipeline");
    const badUpdate = await refusal(updateBudget(t.db, adminB, created.id, { ...base, name: "Beta pipeline", scope: "workflow", teamId: f.teamB, targetId: f.workflowB, amountUsd: "abc" }));
    expect(badUpdate?.status).toBe(400);

    const updated = await updateBudget(t.db, adminB, created.id, { ...base, name: "Beta team", scope: "team", teamId: f.teamB, onExceeded: "require_approval" });
    expect(updated).toMatchObject({ scope: "team", workflowId: null, onExceeded: "require_approval" });

    const org = await f.principal("org@test.local");
    const orgBudget = await createBudget(t.db, org, { ...base, name: "Everything", scope: "org", amountUsd: "1000" });
    // A team admin neither changes nor deletes an organisation budget, and one of a team they cannot see is not found.
    expect((await refusal(deleteBudget(t.db, adminB, orgBudget.id)))?.status).toBe(403);
    const alpha = await createBudget(t.db, org, { ...base, name: "Alpha", scope: "team", teamId: f.teamA });
    expect((await refusal(deleteBudget(t.db, adminB, alpha.id)))?.status).toBe(404);
    expect((await refusal(deleteBudget(t.db, adminB, "no-such-budget")))?.status).toBe(404);
    // A viewer of team A sees it, but may not change it.
    expect((await refusal(deleteBudget(t.db, await f.principal("viewer-a@test.local"), alpha.id)))?.status).toBe(403);

    await deleteBudget(t.db, adminB, created.id);
    expect(await t.db.budget.findUnique({ where: { id: created.id } })).toBeNull();

    const events = await audits();
    expect(events.map((e) => [e.action, e.actorLabel, e.resourceId])).toEqual([
      ["budget.created", "admin-b@test.local", created.id],
      ["budget.updated", "admin-b@test.local", created.id],
      ["budget.created", "org@test.local", orgBudget.id],
      ["budget.created", "org@test.local", alpha.id],
      ["budget.deleted", "admin-b@test.local", created.id],
    ]);
    expect(events[0]!.data).toMatchObject({ before: null, after: { name: "Beta pipeline", amountUsd: "12.5", warnAt: 0.75, workflowId: f.workflowB } });
    expect(events[1]!.data).toMatchObject({
      before: { name: "Beta pipeline", scope: "workflow", onExceeded: "block" },
      after: { name: "Beta team", scope: "team", workflowId: null, onExceeded: "require_approval" },
    });
    expect(events[4]!.data).toMatchObject({ before: { name: "Beta team" }, after: null });
    expect(events[0]!.teamId).toBe(f.teamB);
  });

  it("a person's budget: within a team for its admins, across every team for organisation admins", async () => {
    const adminB = await f.principal("admin-b@test.local");
    const both = await f.principal("both@test.local");
    const inTeam = await createBudget(t.db, adminB, { ...base, name: "Both in Beta", scope: "user", teamId: f.teamB, targetId: both.id });
    expect(inTeam).toMatchObject({ scope: "user", teamId: f.teamB, userId: both.id });
    expect((await refusal(createBudget(t.db, adminB, { ...base, name: "Both anywhere", scope: "user", targetId: both.id })))?.status).toBe(403);
    const everywhere = await createBudget(t.db, await f.principal("org@test.local"), { ...base, name: "Both anywhere", scope: "user", targetId: both.id });
    expect(everywhere.teamId).toBeNull();
    const deps = { db: t.db, redis };
    expect((await coveringBudgets(deps, { teamId: f.teamB, userId: both.id })).map((b) => b.name).sort()).toEqual(["Both anywhere", "Both in Beta", "Everything"]);
    expect((await coveringBudgets(deps, { teamId: f.teamA, userId: both.id })).map((b) => b.name).sort()).toEqual(["Alpha", "Both anywhere", "Everything"]);
  });
});
