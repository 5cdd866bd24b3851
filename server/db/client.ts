import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { getEnv } from "../config/env";
import { registerDbUrl } from "./sql";

export type TDb = InstanceType<typeof PrismaClient>;

export function createDb(connectionString: string = getEnv().DATABASE_URL): TDb {
  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: getEnv().DATABASE_POOL_SIZE }),
    // Under bursts, transactions queue for a pooled connection (and audit appends for the chain's lock): wait for
    // one rather than fail the request after Prisma's default 2 s.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
  registerDbUrl(db, connectionString);
  return db;
}

// One client per process; survives Next.js dev hot reloads.
const globalForDb = globalThis as unknown as { batonDb?: TDb };

export function getDb(): TDb {
  globalForDb.batonDb ??= createDb();
  return globalForDb.batonDb;
}
