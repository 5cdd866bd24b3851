import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { AppError } from "../errors";
import { budgetStatus, invalidateBudgetCache } from "../budgets/ledger";
import { orgTimeZone } from "../budgets/org-time-zone";
import { createRedis, redisKey, type TRedis } from "../redis/client";
import { saveOrganisationSettings, viewOrganisationSettings } from "./organisation-settings";

let t: TTestDb;
let f: TTwoTeams;
let redis: TRedis;

beforeAll(async () => {
  t = await createTestDatabase("orgsettings");
  f = await seedTwoTeams(t.db);
  redis = createRedis();
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("budget", "*"));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await t.drop();
});

const audits = () => t.db.auditEvent.findMany({ where: { action: "settings.organisation_updated" }, orderBy: { seq: "asc" } });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("organisation settings: the time zone budget periods follow", () => {
  it("reads UTC until one is set, for organisation admins only", async () => {
    const org = await f.principal("org@test.local");
    expect(await viewOrganisationSettings(t.db, org)).toEqual({ timeZone: "UTC", isTimeZoneSet: false });
    for (const email of ["admin-b@test.local", "viewer-a@test.local"]) {
      const who = await f.principal(email);
      expect((await refusal(viewOrganisationSettings(t.db, who)))?.status, email).toBe(403);
      expect((await refusal(saveOrganisationSettings(t.db, who, { timeZone: "Europe/Berlin" })))?.status, email).toBe(403);
    }
    expect(await t.db.systemSetting.count({ where: { key: "org.timezone" } })).toBe(0);
  });

  it("refuses anything but a time zone the server knows by its IANA name, with a 400 naming the field, and saves nothing", async () => {
    const org = await f.principal("org@test.local");
    const cases: [unknown, string, RegExp][] = [
      [{ timeZone: "Mars/Olympus" }, "timeZone", /"Mars\/Olympus" is not a time zone this server knows.*IANA name such as Europe\/Berlin/],
      [{ timeZone: "+01:00" }, "timeZone", /IANA name/],
      [{ timeZone: "" }, "timeZone", /Choose a time zone/],
      [{ timeZone: 1 }, "timeZone", /Choose a time zone/],
      [{}, "timeZone", /Choose a time zone/],
      [{ timeZone: "UTC", extra: true }, "", /Unknown field "extra"/],
      [null, "", /.+/],
    ];
    for (const [input, path, message] of cases) {
      const error = await refusal(saveOrganisationSettings(t.db, org, input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(error!.status, JSON.stringify(input)).toBe(400);
      expect(error!.issues.find((i) => i.path === path)?.message ?? "", `${JSON.stringify(input)}: ${JSON.stringify(error!.issues)}`).toMatch(message);
    }
    expect(await t.db.systemSetting.count({ where: { key: "org.timezone" } })).toBe(0);
    expect(await audits()).toEqual([]);
  });

  it("saves the zone's canonical name, audits before and after, and budget periods follow it at once in this process", async () => {
    const org = await f.principal("org@test.local");
    const now = new Date("2026-12-07T23:30:00Z"); // already 8 December in Berlin
    const budget = await t.db.budget.create({ data: { name: "Alpha daily", scope: "team", teamId: f.teamA, period: "day", amountUsd: "10" } });
    invalidateBudgetCache(t.db);
    const deps = { db: t.db, redis, now: () => now };
    expect((await budgetStatus(deps, budget)).periodStart.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(await orgTimeZone(t.db)).toBe("UTC"); // now cached

    expect(await saveOrganisationSettings(t.db, org, { timeZone: "europe/berlin" })).toEqual({ timeZone: "Europe/Berlin", isTimeZoneSet: true });
    expect(await orgTimeZone(t.db)).toBe("Europe/Berlin");
    expect((await budgetStatus(deps, budget)).periodStart.toISOString()).toBe("2026-12-07T23:00:00.000Z");

    const events = await audits();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: org.id, resourceType: "system_setting", resourceId: "org.timezone" });
    expect(events[0]!.data).toEqual({ before: { timeZone: "UTC", isSet: false }, after: { timeZone: "Europe/Berlin", isSet: true } });

    // The same zone again changes nothing and records nothing.
    expect(await saveOrganisationSettings(t.db, org, { timeZone: "Europe/Berlin" })).toEqual({ timeZone: "Europe/Berlin", isTimeZoneSet: true });
    expect(await audits()).toHaveLength(1);
    expect(await viewOrganisationSettings(t.db, org)).toEqual({ timeZone: "Europe/Berlin", isTimeZoneSet: true });

    await saveOrganisationSettings(t.db, org, { timeZone: "UTC" });
    expect((await audits()).at(-1)!.data).toEqual({ before: { timeZone: "Europe/Berlin", isSet: true }, after: { timeZone: "UTC", isSet: true } });
  });
});
