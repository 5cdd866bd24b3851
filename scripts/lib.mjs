// Shared helpers for the start and test scripts. Plain Node ESM: they run before dependencies are installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const ROOT = new URL("..", import.meta.url).pathname;
export const DEFAULTS = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/baton",
  REDIS_URL: "redis://127.0.0.1:6379/0",
  PORT: "3000",
};

const color = (code) => (text) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
export const c = { dim: color(2), bold: color(1), red: color(31), green: color(32), yellow: color(33), cyan: color(36), magenta: color(35) };

export function say(message) {
  process.stdout.write(`${c.cyan("baton")} ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`${c.red("baton")} ${message}\n`);
  process.exit(1);
}

/** Runs a command to completion with inherited output; throws when it fails (callers print and exit). */
export function run(cmd, args, env = process.env, { isQuiet = false } = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: isQuiet ? "pipe" : "inherit", encoding: "utf8" });
  if (result.status !== 0) {
    if (isQuiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
  }
  return result;
}

export function ensureDependencies() {
  const marker = join(ROOT, "node_modules/.package-lock.json");
  const lock = join(ROOT, "package-lock.json");
  const isStale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!isStale) return;
  // `npm install` with the committed lockfile installs exactly the locked versions. Not `npm ci`: this registry lacks
  // some other-platform optional packages of the locked versions, so no lockfile can list them and `npm ci` refuses.
  say("installing dependencies (npm install)…");
  run("npm", ["install", "--no-audit", "--no-fund"]);
}

export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

/** Checks PostgreSQL and creates the database when missing. One clear line and exit 1 when unreachable. */
export async function ensureDatabase(databaseUrl) {
  const { default: pg } = await import("pg");
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    fail(
      `cannot reach PostgreSQL at ${redact(databaseUrl)} (${error.code ?? error.message}). ` +
        "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start — or set DATABASE_URL.",
    );
  }
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) {
      say(`creating database ${c.bold(name)}`);
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    }
  } finally {
    await client.end();
  }
}

export async function ensureRedis(redisUrl) {
  const { Redis } = await import("ioredis");
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(
      `cannot reach Redis at ${redact(redisUrl)} (${error.code ?? error.message}). ` +
        'Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no — or set REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const BUILD_INPUTS = ["app", "components", "server", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma"];

export function isBuildStale() {
  const buildId = join(ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((p) => newestMtime(join(ROOT, p)) > built);
}

const LEVELS = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** Pino JSON lines become one readable line; anything else passes through. */
export function formatLogLine(line) {
  if (!line.startsWith("{")) return line;
  try {
    const { level, time, msg, service: _s, pid: _p, hostname: _h, ...rest } = JSON.parse(line);
    const label = LEVELS[level] ?? String(level);
    const painted = level >= 50 ? c.red(label) : level >= 40 ? c.yellow(label) : c.dim(label);
    const extra = Object.keys(rest).length ? ` ${c.dim(JSON.stringify(rest))}` : "";
    return `${c.dim(new Date(time).toISOString().slice(11, 19))} ${painted} ${msg ?? ""}${extra}`;
  } catch {
    return line;
  }
}

/** Starts a long-running child whose output lines are prefixed with its name. */
export function startChild(name, paint, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = paint(`[${name}]`.padEnd(9));
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) process.stdout.write(`${prefix} ${formatLogLine(line)}\n`);
    });
  }
  return child;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
