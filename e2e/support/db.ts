import pg from "pg";

// Direct reads of the e2e database, for what the API deliberately does not return (e.g. webhook secrets).
// The same database the app under test uses (see playwright.config.ts).
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baton_e2e";

/** Runs one parameterised query on a fresh connection and closes it; returns the rows. */
export async function queryDb<TRow extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<TRow[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const result = await client.query<TRow>(sql, params);
    return result.rows;
  } finally {
    await client.end();
  }
}
