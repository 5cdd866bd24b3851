// `npm run db:seed`: loads the demo data into DATABASE_URL. Safe to run any number of times.
import { getEnv } from "../server/config/env";
import { getSecrets } from "../server/config/secrets";
import { fillSecretsFromFile } from "../server/config/secrets-fill";
import { createDb } from "../server/db/client";
import { DEMO_USERS, PUBLISHED_DEMO_PASSWORD, seedDemo } from "../server/seed";
import { demoPasswordFrom } from "../server/seed/seed-people";

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the configured DATABASE_URL";
  }
}

/** One line saying what went wrong: Prisma wraps the driver's message in a multi-line explanation. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const driver = /Message: `([^`]+)`/.exec(text)?.[1];
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return driver ?? lines.at(-1) ?? "unknown error";
}

async function main(): Promise<number> {
  let url: string;
  let demoPassword: string;
  try {
    url = getEnv().DATABASE_URL;
    // The seed encrypts the demo credentials with BATON_SECRET_KEY: without the installation's keys it stops here.
    fillSecretsFromFile();
    getSecrets();
    // Nor does it create demo users without the installation's own demo password.
    demoPassword = demoPasswordFrom(process.env);
  } catch (error) {
    console.error(`Seed aborted: ${reason(error)}`);
    return 1;
  }
  const db = createDb(url);
  try {
    try {
      await db.$queryRaw`SELECT 1`;
    } catch (error) {
      console.error(
        `Seed aborted: cannot reach PostgreSQL at ${describeTarget(url)} (${reason(error)}). Is it running, and is DATABASE_URL right?`,
      );
      return 1;
    }
    const tables = await db.$queryRaw<
      { exists: boolean }[]
    >`SELECT to_regclass('public."User"') IS NOT NULL AS "exists"`;
    if (!tables[0]?.exists) {
      console.error(`Seed aborted: ${describeTarget(url)} has no Baton tables. Run "npm run db:migrate" first.`);
      return 1;
    }
    const result = await seedDemo(db, { demoPassword });
    const created = Object.entries(result.created)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    console.log(
      result.isChanged
        ? `Seeded ${describeTarget(url)} in ${result.durationMs} ms: ${created}.`
        : `${result.demoPasswordsReplaced.length > 0 ? "Nothing to create" : "Nothing to do"}: ${describeTarget(url)} already holds the demo data (${result.durationMs} ms).`,
    );
    if (result.demoPasswordsReplaced.length > 0) {
      console.log(
        `Replaced the published demo password of ${result.demoPasswordsReplaced.join(", ")} with BATON_DEMO_PASSWORD (their sessions ended).`,
      );
    }
    // The password itself is not printed here (logs keep it); `npm start` shows it in its banner.
    console.log(
      demoPassword === PUBLISHED_DEMO_PASSWORD
        ? `Demo logins (password: BATON_DEMO_PASSWORD, here the published "${PUBLISHED_DEMO_PASSWORD}", for tests only):`
        : "Demo logins (password: the value of BATON_DEMO_PASSWORD, which `npm start` prints):",
    );
    for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(22)} ${user.summary}`);
    return 0;
  } catch (error) {
    console.error(`Seed failed: ${reason(error)}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
