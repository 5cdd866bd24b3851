import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { getEnv } from "../config/env";

export type TDb = InstanceType<typeof PrismaClient>;

export function createDb(connectionString: string = getEnv().DATABASE_URL): TDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

// One client per process; survives Next.js dev hot reloads.
const globalForDb = globalThis as unknown as { batonDb?: TDb };

export function getDb(): TDb {
  globalForDb.batonDb ??= createDb();
  return globalForDb.batonDb;
}
