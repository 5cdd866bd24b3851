import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "./db";

// The migration that started the price history gives every model that existed then one price row. The template
// database is migrated before any model exists, so its backfill statement is run here again over real rows (it is
// idempotent: ON CONFLICT DO NOTHING).

let t: TTestDb;

beforeAll(async () => {
  t = await createTestDatabase("modelpricebackfill");
});
afterAll(async () => t?.drop());

function backfillStatement(): string {
  const dir = readdirSync("prisma/migrations").find((d) => d.endsWith("_model_prices"));
  const sql = readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8");
  const start = sql.indexOf(`INSERT INTO "ModelPrice"`);
  expect(start).toBeGreaterThan(0);
  return sql.slice(start);
}

describe("model price backfill migration", () => {
  it("writes one price row per existing model, its current prices from when it was added, and nothing twice", async () => {
    const provider = await t.db.provider.create({ data: { name: "OpenAI", kind: "openai" } });
    const addedAt = new Date("2026-11-02T09:30:00Z");
    const common = { providerId: provider.id, contextWindow: 128_000, createdAt: addedAt };
    const a = await t.db.model.create({ data: { ...common, name: "a", displayName: "A", inputPricePerMTok: "2.5", outputPricePerMTok: "10", createdById: "someone" } });
    const b = await t.db.model.create({ data: { ...common, name: "b", displayName: "B", inputPricePerMTok: "0.15", outputPricePerMTok: "0.6" } });
    await t.db.$executeRawUnsafe(backfillStatement());
    await t.db.$executeRawUnsafe(backfillStatement());
    const rows = await t.db.modelPrice.findMany({ orderBy: { modelId: "asc" } });
    const expected = [
      [a.id, "2.5", "10", null, addedAt.toISOString(), "someone"],
      [b.id, "0.15", "0.6", null, addedAt.toISOString(), null],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(
      rows.map((r) => [r.modelId, r.inputPricePerMTok.toFixed(), r.outputPricePerMTok.toFixed(), r.cachedInputPricePerMTok, r.validFrom.toISOString(), r.createdById]),
    ).toEqual(expected);
  });
});
