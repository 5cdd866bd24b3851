import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { modelIdsByName } from "./model-ids-by-name";

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDatabase("modelnames");
});
afterAll(async () => t.drop());

async function model(provider: string, name: string, at: string, options: { isEnabled?: boolean; isProviderEnabled?: boolean } = {}) {
  const p = await t.db.provider.upsert({
    where: { name: provider },
    create: { name: provider, kind: "sandbox", isEnabled: options.isProviderEnabled ?? true },
    update: {},
  });
  const row = await t.db.model.create({
    data: {
      providerId: p.id,
      name,
      displayName: `${name} on ${provider}`,
      inputPricePerMTok: 1,
      outputPricePerMTok: 2,
      contextWindow: 8000,
      isEnabled: options.isEnabled ?? true,
      createdAt: new Date(at),
    },
  });
  return row.id;
}

describe("modelIdsByName", () => {
  it("gives each name its oldest callable model, else its oldest model", async () => {
    const disabledOld = await model("a", "gpt-x", "2026-01-01", { isEnabled: false });
    const usable = await model("b", "gpt-x", "2026-02-01");
    await model("c", "gpt-x", "2026-03-01");
    const offProviderOld = await model("off", "claude-y", "2026-01-01", { isProviderEnabled: false });
    const onlyUnusable = await model("a", "local-z", "2026-01-01", { isEnabled: false });
    await model("b", "local-z", "2026-02-01", { isEnabled: false });
    const claudeUsable = await model("b", "claude-y", "2026-04-01");

    const all = await modelIdsByName(t.db);
    expect(all.get("gpt-x")).toBe(usable);
    expect(all.get("claude-y")).toBe(claudeUsable);
    expect(all.get("local-z")).toBe(onlyUnusable);
    expect([disabledOld, offProviderOld]).not.toContain(all.get("gpt-x"));

    const some = await modelIdsByName(t.db, ["gpt-x", "nope"]);
    expect([...some]).toEqual([["gpt-x", usable]]);
    expect(await modelIdsByName(t.db, [])).toEqual(new Map());
  });
});
