import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { writableScopeKinds } from "./policy-form.shared";
import { newPolicyOptions, ruleOptions } from "./policy-form-options";

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("policy_form");
  f = await seedTwoTeams(t.db);
  const owner = await t.db.user.findUniqueOrThrow({ where: { email: "admin-b@test.local" } });
  await t.db.agent.create({ data: { teamId: f.teamB, name: "Beta agent", purpose: "tests", ownerId: owner.id, riskClass: "limited" } });
  await t.db.apiKey.createMany({
    data: [
      { teamId: f.teamB, name: "Beta key", prefix: "bk_live", hash: "h1", createdById: owner.id },
      { teamId: f.teamB, name: "Revoked key", prefix: "bk_old", hash: "h2", createdById: owner.id, revokedAt: new Date() },
    ],
  });
  const provider = await t.db.provider.create({ data: { name: "EU Cloud", kind: "openai_compatible", isEnabled: true, baseUrl: "http://127.0.0.1:9/v1" } });
  await t.db.model.createMany({
    data: [
      { providerId: provider.id, name: "eu-large", displayName: "EU large", region: "eu", inputPricePerMTok: "1", outputPricePerMTok: "2", contextWindow: 8000 },
      { providerId: provider.id, name: "eu-small", displayName: "EU small", region: null, inputPricePerMTok: "1", outputPricePerMTok: "2", contextWindow: 8000 },
    ],
  });
});
afterAll(async () => t.drop());

describe("the choices of the Policies pages", () => {
  it("offers a team admin only their team's scopes, without revoked keys, and no organisation policy", async () => {
    const options = await newPolicyOptions(t.db, await f.principal("admin-b@test.local"));
    expect(options.canWriteOrg).toBe(false);
    expect(options.teams).toEqual([{ id: f.teamB, name: "Beta" }]);
    expect(options.targets.workflow.map((w) => w.name)).toEqual(["Beta secret pipeline"]);
    expect(options.targets.agent.map((a) => a.name)).toEqual(["Beta agent"]);
    expect(options.targets.api_key.map((k) => k.name)).toEqual(["Beta key"]);
    expect(writableScopeKinds(options)).toEqual(["team", "workflow", "agent", "api_key"]);
  });

  it("offers the organisation admin every team and organisation policies, and nothing to people who only read", async () => {
    const org = await newPolicyOptions(t.db, await f.principal("org@test.local"));
    expect(org.canWriteOrg).toBe(true);
    expect(org.teams.map((x) => x.name)).toEqual(["Alpha", "Beta"]);
    expect(writableScopeKinds(org)).toEqual(["org", "team", "workflow", "agent", "api_key"]);
    const viewer = await newPolicyOptions(t.db, await f.principal("viewer-a@test.local"));
    expect(writableScopeKinds(viewer)).toEqual([]);
  });

  it("lists the teams and workflows the person sees, and the catalog's model names, providers and regions", async () => {
    const options = await ruleOptions(t.db, await f.principal("viewer-a@test.local"));
    expect(options.teams.map((x) => x.name)).toEqual(["Alpha"]);
    expect(options.workflows.map((w) => w.name)).toEqual(["Alpha triage"]);
    expect(options.models).toEqual(["eu-large", "eu-small"]);
    expect(options.providers).toEqual(["EU Cloud"]);
    expect(options.regions).toEqual(["eu"]);
  });
});
