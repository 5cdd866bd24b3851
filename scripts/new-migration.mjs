#!/usr/bin/env node
// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// brings the committed migrations to prisma/schema.prisma (computed on a throwaway shadow database).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fail, say, ROOT } from "./lib.mjs";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) fail("usage: npm run db:new-migration -- <name>");

let diff;
try {
  diff = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
} catch {
  fail("prisma migrate diff failed (its error is above); the database in DATABASE_URL must exist (npm start creates it).");
}
const sql = diff
  // Prisma does not model the generated full-text column and always proposes to drop its "default".
  .replace(/-- AlterTable\nALTER TABLE "Document" ALTER COLUMN "searchVector" DROP DEFAULT;\n*/g, "")
  .trim();
if (!sql || sql === "-- This is an empty migration.") fail("the schema matches the migrations: nothing to write.");

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = `${ROOT}prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, `${sql}\n`);
say(`wrote ${dir.slice(ROOT.length)}/migration.sql — review it, then npm run db:migrate`);
