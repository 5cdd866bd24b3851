// Prisma CLI configuration. Migrations run on the WebAssembly schema engine through
// @prisma/adapter-pg (no native engine binary can be downloaded on our machines).
// Two adapter-pg 6.19 bugs are worked around here, and only here (see shared/PLATFORM.md).
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const require = createRequire(import.meta.url);

// Bug 1: the schema engine reads catalog columns of types adapter-pg cannot map
// (name, "char", regproc, cstring). Reading them as text is lossless for these catalogs.
const CATALOG_OIDS_AS_TEXT = new Set([18, 19, 24, 2205]);
const TEXT_OID = 25;
type TField = { dataTypeID: number };
type TQueryProto = { handleRowDescription(msg: { fields: TField[] }): void; __batonPatched?: boolean };
const queryProto = (require("pg/lib/query.js") as { prototype: TQueryProto }).prototype;
if (!queryProto.__batonPatched) {
  const original = queryProto.handleRowDescription;
  queryProto.handleRowDescription = function (this: TQueryProto, msg) {
    for (const field of msg.fields) if (CATALOG_OIDS_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    return original.call(this, msg);
  };
  queryProto.__batonPatched = true;
}

process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/baton";
const url = new URL(process.env.DATABASE_URL);
// Bug 2: a connectionString wins over `database`, so pass discrete fields.
const connection = {
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username || "postgres"),
  password: decodeURIComponent(url.password),
  database: decodeURIComponent(url.pathname.slice(1) || "baton"),
  // The CLI never closes the adapter's pool: without this, every command waits for the idle connections to time out
  // (pg's 10 s) before the process can exit.
  allowExitOnIdle: true,
};

// Bug 4: the WebAssembly schema engine races its advisory lock (`pg_advisory_lock`) against a 10 s timer that it
// never clears, so every migrate command sat idle for 10 s after its work was done. That timer must not keep the
// process alive: while the lock is awaited, the open connection does.
const ADVISORY_LOCK_TIMEOUT_MS = 10_000;
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = Object.assign(
  (...args: Parameters<typeof setTimeout>) => {
    const timer = setTimeoutOriginal(...args);
    if (args[1] === ADVISORY_LOCK_TIMEOUT_MS) timer.unref();
    return timer;
  },
  setTimeoutOriginal,
) as typeof setTimeout;

type TAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// Bug 3: adapter-pg's executeScript splits scripts on ";", which breaks function bodies
// (our audit trigger). Postgres runs a multi-statement script in one simple query.
function runScriptsWhole(adapter: TAdapter): TAdapter {
  const client = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await client.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

function createFactory() {
  const factory = new PrismaPg(connection);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWhole(await connect());
  // Our own shadow database: unique name, and on dispose close the pool before dropping it.
  factory.connectToShadowDb = async () => {
    const name = `baton_shadow_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ ...connection, database: "postgres" });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = new PrismaPg({ ...connection, database: name });
    const adapter = runScriptsWhole(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ ...connection, database: "postgres" });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () => createFactory(),
});
