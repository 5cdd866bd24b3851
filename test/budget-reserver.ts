// A separate Node process that reserves budget spend, for the ledger's cross-process race test
// (server/budgets/ledger.int.test.ts). Connects to DATABASE_URL and Redis under REDIS_PREFIX (both from the parent),
// prints "ready", waits for "go" on stdin, then makes RESERVER_ATTEMPTS reservations at once and prints one JSON line:
// { reserved: string[] } (the reservation ids that were granted), then exits.
import { createInterface } from "node:readline";
import { createDb } from "../server/db/client";
import { closePoolFor } from "../server/db/sql";
import { coveringBudgets, reserveSpend } from "../server/budgets/ledger";
import { createRedis } from "../server/redis/client";

const attempts = Number(process.env.RESERVER_ATTEMPTS ?? "10");
const name = process.env.RESERVER_NAME ?? "reserver";
const teamId = process.env.RESERVER_TEAM_ID ?? null;
const cost = process.env.RESERVER_COST_USD ?? "0.01";

const db = createDb();
const redis = createRedis();
const deps = { db, redis };

async function main(): Promise<void> {
  // Warm the connections and the budget cache, so "go" starts the reservations themselves.
  await coveringBudgets(deps, { teamId });
  await redis.ping();
  process.stdout.write("ready\n");
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === "go") break;
  lines.close();
  const results = await Promise.all(
    Array.from({ length: attempts }, (_, i) => reserveSpend(deps, { teamId }, cost, { reservationId: `${name}-${i}`, ttlMs: 60_000 })),
  );
  const reserved = results.flatMap((r, i) => (r.isReserved ? [`${name}-${i}`] : []));
  process.stdout.write(`${JSON.stringify({ reserved })}\n`);
}

main()
  .then(async () => {
    await closePoolFor(db);
    await db.$disconnect();
    await redis.quit();
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
