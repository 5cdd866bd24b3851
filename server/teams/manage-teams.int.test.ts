// Settings → Teams: creating, editing, archiving and restoring teams (issue 12, "Teams and people").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { can } from "../auth/permissions";
import { loadPrincipal } from "../auth/principal";
import { startRun } from "../engine/start-run";
import { closeQueues } from "../queue/connection";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { listTeams } from "../settings/list-teams";
import { createWorkflow } from "../workflows/create-workflow";
import { listWorkflows } from "../workflows/list-workflows";
import { createTeam, getTeamDetail, updateTeam } from "./manage-teams";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;

beforeAll(async () => {
  t = await createTestDatabase("teams");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  await closeQueues();
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

/** Everything a refused request must leave as it was. */
async function snapshot() {
  return {
    teams: await t.db.team.findMany({ orderBy: { id: "asc" } }),
    memberships: await t.db.membership.findMany({ orderBy: { id: "asc" } }),
    audit: await t.db.auditEvent.count(),
  };
}

describe("creating a team", () => {
  it("derives the slug from the name, audits the creation with the actor and the values", async () => {
    const org = await f.principal("org@test.local");
    const team = await createTeam(t.db, org, { name: "  Fraud Ops — EMEA ", description: "Card fraud in Europe" });
    expect(team).toMatchObject({ name: "Fraud Ops — EMEA", slug: "fraud-ops-emea", description: "Card fraud in Europe", archivedAt: null });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "team.created" } });
    expect(event).toMatchObject({ actorId: expect.any(String), actorLabel: "org@test.local", resourceId: team.id, teamId: team.id });
    expect(event.data).toEqual({ before: null, after: { name: "Fraud Ops — EMEA", slug: "fraud-ops-emea", description: "Card fraud in Europe", archivedAt: null } });
  });

  it("takes a given slug, and a derived slug that is taken gets a number", async () => {
    const org = await f.principal("org@test.local");
    expect((await createTeam(t.db, org, { name: "Payments", slug: "pay" })).slug).toBe("pay");
    expect((await createTeam(t.db, org, { name: "Alpha Two" })).slug).toBe("alpha-two");
    expect((await createTeam(t.db, org, { name: "PAY" })).slug).toBe("pay-2");
  });

  it("refuses a name another team has (in any case) with 409 naming it, and a taken slug", async () => {
    const org = await f.principal("org@test.local");
    const before = await snapshot();
    await expect(createTeam(t.db, org, { name: "alpha" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'A team named "Alpha" already exists. Choose another name.',
    });
    await expect(createTeam(t.db, org, { name: "Brand new", slug: "beta" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'The slug "beta" belongs to team Beta already. Choose another slug.',
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad fields with an issue per field", async () => {
    const org = await f.principal("org@test.local");
    await expect(createTeam(t.db, org, { name: " ", slug: "Not A Slug!" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: expect.arrayContaining([
        { path: "name", message: "Give the team a name" },
        { path: "slug", message: "Use lowercase letters, digits and single hyphens (e.g. risk-ops)" },
      ]),
    });
  });

  it("is for organisation admins only: a team admin and a viewer get 403 and nothing changes", async () => {
    const before = await snapshot();
    for (const email of ["admin-b@test.local", "viewer-a@test.local"]) {
      await expect(createTeam(t.db, await f.principal(email), { name: `By ${email}` })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("editing a team", () => {
  it("lets a team admin rename and describe their team, audited with before and after", async () => {
    const adminB = await f.principal("admin-b@test.local");
    const team = await updateTeam(t.db, adminB, f.teamB, { name: "Beta Squad", description: "Renamed" });
    expect(team).toMatchObject({ name: "Beta Squad", slug: "beta", description: "Renamed" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "team.updated", resourceId: f.teamB } });
    expect(event.actorLabel).toBe("admin-b@test.local");
    expect(event.data).toMatchObject({ before: { name: "Beta", description: "" }, after: { name: "Beta Squad", description: "Renamed" } });
  });

  it("refuses a rename to another team's name with 409, and an unknown team with 404", async () => {
    const org = await f.principal("org@test.local");
    await expect(updateTeam(t.db, org, f.teamB, { name: "ALPHA" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'A team named "Alpha" already exists. Choose another name.',
    });
    // Its own name in another case is no conflict.
    expect((await updateTeam(t.db, org, f.teamB, { name: "beta squad" })).name).toBe("beta squad");
    await expect(updateTeam(t.db, org, "no-such-team", { name: "X" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a team admin another team's edit, a viewer any edit, and a team admin the archive", async () => {
    const before = await snapshot();
    const adminB = await f.principal("admin-b@test.local");
    await expect(updateTeam(t.db, adminB, f.teamA, { name: "Taken over" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateTeam(t.db, await f.principal("viewer-a@test.local"), f.teamA, { description: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(updateTeam(t.db, adminB, f.teamB, { isArchived: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/organisation admin/),
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a change of slug and unknown fields by name", async () => {
    const org = await f.principal("org@test.local");
    await expect(updateTeam(t.db, org, f.teamB, { slug: "new" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: expect.arrayContaining([{ path: "", message: 'Unknown field "slug".' }]),
    });
    await expect(updateTeam(t.db, org, f.teamB, {})).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("archiving a team", () => {
  it("keeps its data readable, refuses new workflows and runs, hides it from pickers; restoring undoes it", async () => {
    const org = await f.principal("org@test.local");
    const archived = await updateTeam(t.db, org, f.teamA, { isArchived: true });
    expect(archived.archivedAt).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "team.archived", resourceId: f.teamA } })).toBe(1);

    // Reading goes on: the workflows are listed, the team is shown (marked archived) in Settings → Teams.
    const viewer = await f.principal("viewer-a@test.local");
    expect((await listWorkflows(t.db, viewer, {})).items.map((w) => w.id)).toContain(f.workflowA);
    expect((await listTeams(t.db, org)).find((x) => x.id === f.teamA)).toMatchObject({ archivedAt: expect.any(String) });

    // No new work: the team drops out of the writable teams (the pickers), a create is refused with the reason.
    const both = await f.principal("both@test.local");
    await t.db.membership.updateMany({ where: { teamId: f.teamA, user: { email: "both@test.local" } }, data: { role: "builder" } });
    const builderA = (await loadPrincipal(t.db, both.id))!;
    expect(can(builderA, "workflow:write", { teamId: f.teamA })).toBe(false);
    expect((await listWorkflows(t.db, builderA, {})).teams.find((x) => x.id === f.teamA)?.canWrite).toBe(false);
    await expect(createWorkflow(t.db, builderA, { teamId: f.teamA, name: "New in archived" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Team Alpha is archived/),
    });
    // Runs started without a person (webhooks, schedules, events) are refused by the engine.
    await expect(
      startRun({ db: t.db, redis }, { workflowId: f.workflowA, input: {}, triggerType: "webhook", actor: { type: "system", label: "webhook" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Team Alpha is archived/) });
    expect(await t.db.run.count({ where: { teamId: f.teamA } })).toBe(0);
    expect(await t.db.workflow.count({ where: { teamId: f.teamA } })).toBe(1);

    const restored = await updateTeam(t.db, org, f.teamA, { isArchived: false });
    expect(restored.archivedAt).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "team.restored", resourceId: f.teamA } })).toBe(1);
    const again = (await loadPrincipal(t.db, both.id))!;
    expect(can(again, "workflow:write", { teamId: f.teamA })).toBe(true);
    await t.db.membership.updateMany({ where: { teamId: f.teamA, user: { email: "both@test.local" } }, data: { role: "viewer" } });
  });

  it("shows a team admin their team's members; another team's is not found", async () => {
    const adminB = await f.principal("admin-b@test.local");
    const detail = await getTeamDetail(t.db, adminB, f.teamB);
    expect(detail.members.map((m) => [m.email, m.role])).toEqual([
      ["admin-b@test.local", "admin"],
      ["both@test.local", "builder"],
    ]);
    expect(detail).toMatchObject({ canManage: false });
    await expect(getTeamDetail(t.db, adminB, f.teamA)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
