import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { loadOutboundSettings } from "./outbound-settings";
import { hostPatternProblem, saveOutboundSettings } from "./save-outbound-settings";

let t: TTestDb;
let f: TTwoTeams;

beforeAll(async () => {
  t = await createTestDatabase("netsettings");
  f = await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

const audits = () =>
  t.db.auditEvent.findMany({ where: { action: "settings.network_updated" }, orderBy: { seq: "asc" } });

describe("host patterns", () => {
  it("accepts exact hosts, IP literals and *.domain wildcards", () => {
    for (const ok of [
      "api.example.com",
      "localhost",
      "10.0.0.5",
      "::1",
      "[fd00::1]",
      "*.example.com",
      "API.Example.com.",
    ]) {
      expect(hostPatternProblem(ok), ok).toBeNull();
    }
  });

  it("names what is wrong with anything else", () => {
    expect(hostPatternProblem("https://api.example.com")).toMatch(/without http/);
    expect(hostPatternProblem("example.com/path")).toMatch(/without http/);
    expect(hostPatternProblem("example.com:8080")).toMatch(/port/);
    expect(hostPatternProblem("*")).toMatch(/leave the list empty/);
    expect(hostPatternProblem("*.com")).toMatch(/too broad/);
    expect(hostPatternProblem("api.*.example.com")).toMatch(/first label/);
    expect(hostPatternProblem("exa mple.com")).toMatch(/not a valid host name/);
    expect(hostPatternProblem("-bad.example.com")).toMatch(/not a valid host name/);
  });
});

describe("saveOutboundSettings", () => {
  it("rejects an invalid host with an issue that names its line, and stores nothing", async () => {
    const admin = await f.principal("org@test.local");
    const error = await saveOutboundSettings(t.db, admin, {
      allowPrivateNetworks: false,
      allowedHosts: ["api.example.com", "not a host!"],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "allowedHosts.1", message: expect.stringContaining("not a valid host name") }],
    });
    const missing = await saveOutboundSettings(t.db, admin, { allowedHosts: [] }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "VALIDATION", issues: [{ path: "allowPrivateNetworks" }] });
    expect(await t.db.systemSetting.findUnique({ where: { key: "network.outbound" } })).toBeNull();
    expect(await audits()).toEqual([]);
  });

  it("is refused to non-admins", async () => {
    const builder = await f.principal("both@test.local");
    await expect(
      saveOutboundSettings(t.db, builder, { allowPrivateNetworks: true, allowedHosts: [] }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("saves valid settings normalised, audits the change, and records nothing when nothing changed", async () => {
    const admin = await f.principal("org@test.local");
    const input = {
      allowPrivateNetworks: true,
      allowedHosts: [" API.example.com ", "*.internal.example", "api.example.com"],
    };
    const saved = await saveOutboundSettings(t.db, admin, input);
    expect(saved).toEqual({
      isChanged: true,
      settings: { allowPrivateNetworks: true, allowedHosts: ["api.example.com", "*.internal.example"] },
    });
    expect(await loadOutboundSettings(t.db)).toEqual(saved.settings);
    const row = await t.db.systemSetting.findUniqueOrThrow({ where: { key: "network.outbound" } });
    expect(row.updatedById).toBe(admin.id);

    const [event] = await audits();
    expect(event).toMatchObject({
      actorLabel: "org@test.local",
      resourceType: "system_setting",
      resourceId: "network.outbound",
    });
    expect(event?.data).toEqual({
      allowPrivateNetworks: { from: false, to: true },
      hostsAdded: ["api.example.com", "*.internal.example"],
      hostsRemoved: [],
    });

    expect((await saveOutboundSettings(t.db, admin, input)).isChanged).toBe(false);
    await saveOutboundSettings(t.db, admin, { allowPrivateNetworks: true, allowedHosts: ["*.internal.example"] });
    const all = await audits();
    expect(all).toHaveLength(2);
    expect(all[1]?.data).toEqual({ hostsAdded: [], hostsRemoved: ["api.example.com"] });
  });
});
