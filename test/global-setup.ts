// Runs once before all Vitest files: (re)creates the template database and applies the migrations to it.
import { execFileSync } from "node:child_process";
import { TEMPLATE_DB, adminQuery, adminUrl } from "./db";

export default async function setup(): Promise<() => Promise<void>> {
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`);
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: adminUrl(TEMPLATE_DB) },
    stdio: "pipe",
  });
  // Nobody may stay connected to a template while it is cloned.
  await adminQuery(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE_DB}' AND pid <> pg_backend_pid()`,
  );
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  };
}
