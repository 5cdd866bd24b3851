import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { clearOutboundSettingsCache, loadOutboundPolicy, loadOutboundSettings, OUTBOUND_SETTINGS_CACHE_TTL_MS, OUTBOUND_SETTINGS_KEY } from "./outbound-settings";
import { saveOutboundSettings } from "./save-outbound-settings";

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("netcache");
  f = await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

const writeDirectly = (value: object) =>
  t.db.systemSetting.upsert({ where: { key: OUTBOUND_SETTINGS_KEY }, create: { key: OUTBOUND_SETTINGS_KEY, value }, update: { value } });

describe("the outbound policy a step checks against", () => {
  it("is cached briefly, narrowed per node, and applies a change saved in this process at once", async () => {
    await writeDirectly({ allowPrivateNetworks: true, allowedHosts: [] });
    clearOutboundSettingsCache(t.db);
    expect(await loadOutboundPolicy(t.db, ["api.example.com"])).toEqual({ allowPrivateNetworks: true, allowedHosts: [], nodeAllowedHosts: ["api.example.com"] });

    // Another process changes it: steps here see the change once the cache's short TTL has passed.
    await writeDirectly({ allowPrivateNetworks: false, allowedHosts: [] });
    expect((await loadOutboundPolicy(t.db)).allowPrivateNetworks).toBe(true);
    expect((await loadOutboundSettings(t.db)).allowPrivateNetworks).toBe(false);
    await new Promise((r) => setTimeout(r, OUTBOUND_SETTINGS_CACHE_TTL_MS + 50));
    expect((await loadOutboundPolicy(t.db)).allowPrivateNetworks).toBe(false);

    const admin = await f.principal("org@test.local");
    await saveOutboundSettings(t.db, admin, { allowPrivateNetworks: true, allowedHosts: ["api.example.com"] });
    expect(await loadOutboundPolicy(t.db)).toEqual({ allowPrivateNetworks: true, allowedHosts: ["api.example.com"], nodeAllowedHosts: [] });
  });

  it("falls back to the strict default when the stored value is malformed", async () => {
    await writeDirectly({ allowPrivateNetworks: "yes" });
    clearOutboundSettingsCache(t.db);
    expect(await loadOutboundPolicy(t.db)).toEqual({ allowPrivateNetworks: false, allowedHosts: [], nodeAllowedHosts: [] });
  });
});
