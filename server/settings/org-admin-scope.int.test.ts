// Finding 4 of issue 9: organisation-wide powers belong to the organisation admin, not to an admin of one team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { appendAudit } from "../audit/append";
import { listAuditEvents } from "../audit/list-events";
import { can } from "../auth/permissions";
import { saveOutboundSettings } from "../net/save-outbound-settings";
import { resetCircuitBreaker } from "../net/reset-breaker";
import { closeQueues } from "../queue/connection";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { getEngineStatus, resumeStoppedEngine, stopEngine } from "./engine-status";
import { listApiKeys } from "../api-keys/list-api-keys";
import { listTeams } from "./list-teams";
import { listUsers } from "./list-users";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;

beforeAll(async () => {
  t = await createTestDatabase("orgadmin");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
  const adminB = await t.db.user.findUniqueOrThrow({ where: { email: "admin-b@test.local" } });
  for (const [teamId, prefix] of [
    [f.teamA, "bt_a"],
    [f.teamB, "bt_b"],
  ] as const) {
    await t.db.apiKey.create({
      data: { name: `key ${prefix}`, prefix, hash: `hash-${prefix}`, teamId, createdById: adminB.id },
    });
  }
  const actor = { type: "user" as const, id: adminB.id, label: "admin-b@test.local" };
  await appendAudit(t.db, {
    actor,
    action: "workflow.updated",
    resource: { type: "workflow", id: f.workflowA },
    teamId: f.teamA,
  });
  await appendAudit(t.db, {
    actor,
    action: "workflow.updated",
    resource: { type: "workflow", id: f.workflowB },
    teamId: f.teamB,
  });
  await appendAudit(t.db, { actor, action: "auth.signed_in", resource: { type: "user", id: adminB.id } });
  await appendAudit(t.db, {
    actor: { type: "system", label: "seed" },
    action: "system.seeded",
    resource: { type: "system" },
  });
});
afterAll(async () => {
  await closeQueues();
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

const deps = () => ({ db: t.db, redis });
const network = { allowPrivateNetworks: false, allowedHosts: ["api.example.com"] };

describe("a team admin (admin of Beta only)", () => {
  it("cannot stop or resume the engine, read its status, reset a breaker or change the outbound network", async () => {
    const teamAdmin = await f.principal("admin-b@test.local");
    const forbidden = { code: "FORBIDDEN" };
    await expect(stopEngine(deps(), teamAdmin, "team admin tries")).rejects.toMatchObject(forbidden);
    await expect(resumeStoppedEngine(deps(), teamAdmin)).rejects.toMatchObject(forbidden);
    await expect(getEngineStatus(deps(), teamAdmin)).rejects.toMatchObject(forbidden);
    await expect(resetCircuitBreaker(deps(), teamAdmin, "host:x.example")).rejects.toMatchObject(forbidden);
    await expect(saveOutboundSettings(t.db, teamAdmin, network)).rejects.toMatchObject(forbidden);
    expect(await t.db.systemSetting.count()).toBe(0);
    expect(can(teamAdmin, "audit:verify")).toBe(false);
  });

  it("sees only their team's audit events: no other team's, no organisation-level ones", async () => {
    const list = await listAuditEvents(t.db, await f.principal("admin-b@test.local"), {});
    expect(list.items.map((i) => [i.action, i.teamName])).toEqual([["workflow.updated", "Beta"]]);
    expect(list.total).toBe(1);
  });

  it("lists only the people, teams and API keys of their team, with memberships of their team only", async () => {
    const teamAdmin = await f.principal("admin-b@test.local");
    const users = await listUsers(t.db, teamAdmin);
    expect(users.map((u) => [u.email, u.memberships.map(({ teamName, role }) => ({ teamName, role }))])).toEqual([
      ["admin-b@test.local", [{ teamName: "Beta", role: "admin" }]],
      ["both@test.local", [{ teamName: "Beta", role: "builder" }]],
    ]);
    expect((await listTeams(t.db, teamAdmin)).map((x) => x.name)).toEqual(["Beta"]);
    expect((await listApiKeys(t.db, teamAdmin)).map((k) => k.teamName)).toEqual(["Beta"]);
  });

  it("is refused the Settings lists altogether when they admin no team", async () => {
    const builder = await f.principal("both@test.local");
    await expect(listUsers(t.db, builder)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditEvents(t.db, builder, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the organisation admin (no team membership)", () => {
  it("sees every team's and every organisation-level audit event, and every person with all memberships", async () => {
    const org = await f.principal("org@test.local");
    expect(org.isOrgAdmin).toBe(true);
    const list = await listAuditEvents(t.db, org, {});
    expect(list.total).toBe(4);
    expect(list.items.map((i) => i.teamName)).toEqual([null, null, "Beta", "Alpha"]);
    const users = await listUsers(t.db, org);
    expect(users).toHaveLength(6);
    expect(users.find((u) => u.email === "both@test.local")?.memberships).toEqual([
      { teamId: f.teamA, teamName: "Alpha", role: "viewer", isTeamArchived: false },
      { teamId: f.teamB, teamName: "Beta", role: "builder", isTeamArchived: false },
    ]);
    expect((await listTeams(t.db, org)).map((x) => x.name)).toEqual(["Alpha", "Beta"]);
    expect(await listApiKeys(t.db, org)).toHaveLength(2);
    expect(can(org, "audit:verify")).toBe(true);
  });

  it("stops and resumes the engine, reads its status and saves the outbound network", async () => {
    const org = await f.principal("org@test.local");
    expect((await stopEngine(deps(), org, "Org-wide incident")).isStopped).toBe(true);
    expect((await getEngineStatus(deps(), org)).emergencyStop.isStopped).toBe(true);
    expect((await resumeStoppedEngine(deps(), org)).emergencyStop.isStopped).toBe(false);
    expect((await saveOutboundSettings(t.db, org, network)).isChanged).toBe(true);
  });
});
