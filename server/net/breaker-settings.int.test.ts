import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { breakerOptionsFor, loadBreakerSettings } from "./breaker-settings";
import { DEFAULT_BREAKER_SETTINGS, thresholdsFor } from "./breaker-settings.shared";
import { DEFAULT_BREAKER_OPTIONS } from "./circuit-breaker";
import { saveBreakerSettings } from "./save-breaker-settings";

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("breakersettings");
  f = await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

const defaults = { failureThreshold: 5, windowMs: 60_000, coolDownMs: 30_000, failureRate: null };
const audits = () => t.db.auditEvent.findMany({ where: { action: "settings.breakers_updated" }, orderBy: { seq: "asc" } });

describe("circuit breaker thresholds (Settings → Engine)", () => {
  it("default to today's values, the ones the breaker used before they were configurable", async () => {
    expect(await loadBreakerSettings(t.db)).toEqual({ defaults, overrides: [] });
    const { failureThreshold, windowMs, coolDownMs } = DEFAULT_BREAKER_OPTIONS;
    expect(DEFAULT_BREAKER_SETTINGS.defaults).toEqual({ failureThreshold, windowMs, coolDownMs, failureRate: null });
    expect(await breakerOptionsFor(t.db, "host:api.example.com")).toEqual({ failureThreshold: 5, windowMs: 60_000, coolDownMs: 30_000, failureRate: undefined });
  });

  it("are for organisation admins only", async () => {
    await expect(saveBreakerSettings(t.db, await f.principal("both@test.local"), { defaults, overrides: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuse invalid values with issues that name the field, and store nothing", async () => {
    const admin = await f.principal("org@test.local");
    const error = await saveBreakerSettings(t.db, admin, {
      defaults: { ...defaults, coolDownMs: 10 },
      overrides: [
        { key: "host:https://api.example.com/x", ...defaults },
        { key: "host:api.example.com", ...defaults, failureRate: { threshold: 1.5, minRequests: 10 } },
        { key: "host:API.example.com", ...defaults },
      ],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "VALIDATION",
      issues: expect.arrayContaining([
        { path: "defaults.coolDownMs", message: "The cool-down is at least 100 ms." },
        { path: "overrides.0.key", message: expect.stringMatching(/^Enter a host name/) },
        { path: "overrides.1.failureRate.threshold", message: "A failure rate is at most 100 %." },
        { path: "overrides.2.key", message: "host:api.example.com is listed twice." },
      ]),
    });
    const ghost = await saveBreakerSettings(t.db, admin, { defaults, overrides: [{ key: "provider:nope", ...defaults }] }).catch((e: unknown) => e);
    expect(ghost).toMatchObject({ code: "VALIDATION", issues: [{ path: "overrides.0.key", message: "No provider has the id nope." }] });
    expect(await t.db.systemSetting.findUnique({ where: { key: "engine.breakers" } })).toBeNull();
    expect(await audits()).toEqual([]);
  });

  it("save per host and per provider, apply in this process at once, and are audited", async () => {
    const admin = await f.principal("org@test.local");
    const provider = await t.db.provider.create({ data: { name: "Acme LLM", kind: "openai_compatible" } });
    // Read (and cache) before the save: the save clears this process's cache.
    expect((await breakerOptionsFor(t.db, `provider:${provider.id}`)).coolDownMs).toBe(30_000);
    const settings = {
      defaults: { ...defaults, failureThreshold: 8 },
      overrides: [
        { key: "host:API.Example.com", failureThreshold: 3, windowMs: 10_000, coolDownMs: 5_000, failureRate: { threshold: 0.5, minRequests: 20 } },
        { key: "host:api.example.com:8443", failureThreshold: 2, windowMs: 10_000, coolDownMs: 1_000, failureRate: null },
        { key: `provider:${provider.id}`, failureThreshold: 10, windowMs: 120_000, coolDownMs: 60_000, failureRate: null },
      ],
    };
    const saved = await saveBreakerSettings(t.db, admin, settings);
    expect(saved.isChanged).toBe(true);
    expect(saved.settings.overrides[0]!.key).toBe("host:api.example.com");
    expect(await breakerOptionsFor(t.db, "host:api.example.com:443")).toEqual({ failureThreshold: 3, windowMs: 10_000, coolDownMs: 5_000, failureRate: { threshold: 0.5, minRequests: 20 } });
    expect((await breakerOptionsFor(t.db, "host:api.example.com:8443")).failureThreshold).toBe(2);
    expect((await breakerOptionsFor(t.db, "host:api.example.com")).failureThreshold).toBe(3);
    expect((await breakerOptionsFor(t.db, "host:other.example.com:443")).failureThreshold).toBe(8);
    expect((await breakerOptionsFor(t.db, `provider:${provider.id}`)).coolDownMs).toBe(60_000);
    expect(thresholdsFor(saved.settings, "provider:other").failureThreshold).toBe(8);

    expect((await saveBreakerSettings(t.db, admin, settings)).isChanged).toBe(false);
    const events = await audits();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorLabel: "org@test.local", resourceId: "engine.breakers" });
    expect(events[0]!.data).toMatchObject({ before: { defaults }, after: { defaults: { failureThreshold: 8 } } });
  });

  it("an unreadable stored value means the defaults", async () => {
    await t.db.systemSetting.update({ where: { key: "engine.breakers" }, data: { value: { defaults: "broken" } } });
    expect(await loadBreakerSettings(t.db)).toEqual({ defaults, overrides: [] });
  });
});
