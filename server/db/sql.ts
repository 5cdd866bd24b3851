// Plain SQL over `pg` for the engine's hot path (loading a run, writing a pass's progress, starting runs): Prisma's
// query compiler costs several times the database's own time per statement, and the engine issues a handful of
// statements per step. Everything else uses Prisma. Each Prisma client gets a sibling pool on the same database.
import pg from "pg";
import type { TDb } from "./client";
import { getEnv } from "../config/env";

/**
 * `name` makes it a prepared statement, parsed and planned once per connection: only for a constant `text` (one text
 * per name) that runs on the hot path.
 */
export type TSql = <R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[], name?: string) => Promise<R[]>;

const TIMESTAMP_OID = 1114;
// Prisma's `DateTime` columns are `timestamp(3)` holding UTC; pg would read them as local time.
const typeParser = ((oid: number, format?: string) =>
  oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser;

// Shared through globalThis, not module scope: a production Next.js build may bundle this module into more than one
// chunk (one instance per chunk), and a client registered by one instance must be found by the others.
const registry = globalThis as unknown as { batonDbPools?: WeakMap<object, pg.Pool>; batonDbUrls?: WeakMap<object, string> };
const pools = (registry.batonDbPools ??= new WeakMap<object, pg.Pool>());
const urls = (registry.batonDbUrls ??= new WeakMap<object, string>());

/** Called by createDb: remembers the database of each Prisma client. */
export function registerDbUrl(db: object, connectionString: string): void {
  urls.set(db, connectionString);
}

export function poolFor(db: TDb): pg.Pool {
  let pool = pools.get(db);
  if (!pool) {
    const connectionString = urls.get(db);
    if (!connectionString) throw new Error("This database client was not created by createDb().");
    pool = new pg.Pool({ connectionString, max: getEnv().DATABASE_POOL_SIZE, types: { getTypeParser: typeParser } });
    pool.on("error", () => undefined); // an idle client's error: the pool replaces it
    pools.set(db, pool);
  }
  return pool;
}

export async function closePoolFor(db: TDb): Promise<void> {
  const pool = pools.get(db);
  pools.delete(db);
  await pool?.end();
}

/** One query outside a transaction. */
export function sqlFor(db: TDb): TSql {
  const pool = poolFor(db);
  return async (text, params = [], name) => (await pool.query({ text, values: params, name })).rows;
}

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function transaction<T>(db: TDb, fn: (sql: TSql) => Promise<T>): Promise<T> {
  const client = await poolFor(db).connect();
  const sql: TSql = async (text, params = [], name) => (await client.query({ text, values: params, name })).rows;
  try {
    await client.query("BEGIN");
    const result = await fn(sql);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A `timestamp(3)` column read through JSON has no zone; Prisma stores UTC. */
export function utc(value: string | Date | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}
