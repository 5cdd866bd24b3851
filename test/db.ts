// Test databases: one template migrated once per test run (vitest globalSetup), cloned per test file.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type TDb } from "../server/db/client";
import { closePoolFor } from "../server/db/sql";

export const TEMPLATE_DB = process.env.BATON_TEST_TEMPLATE_DB ?? "baton_test_template";

export function adminUrl(database = "postgres"): string {
  const url = new URL(process.env.BATON_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type TTestDb = { name: string; url: string; db: TDb; drop(): Promise<void> };

/** A fresh database cloned from the migrated template. Call drop() in afterAll. */
export async function createTestDatabase(label = "t"): Promise<TTestDb> {
  const name = `baton_test_${label.replace(/[^a-z0-9]/gi, "").slice(0, 20)}_${randomBytes(4).toString("hex")}`.toLowerCase();
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  const url = adminUrl(name);
  const db = createDb(url);
  return {
    name,
    url,
    db,
    async drop() {
      await closePoolFor(db);
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
