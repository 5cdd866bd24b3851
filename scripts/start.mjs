#!/usr/bin/env node
// `npm start`: install if needed, load or generate the secrets, create + migrate + seed the database, build if needed,
// then run web and worker.
// `npm run dev`: the same with `next dev` and a worker that restarts on change.
import { DEFAULTS, ROOT, c, ensureDatabase, ensureDependencies, ensureRedis, fail, isBuildStale, run, say, startChild, waitForHttp } from "./lib.mjs";

const isDev = process.argv.includes("--dev");
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || DEFAULTS.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || DEFAULTS.REDIS_URL,
  PORT: process.env.PORT || DEFAULTS.PORT,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: isDev ? "development" : "production",
};
env.NEXTAUTH_URL ||= `http://localhost:${env.PORT}`;

let demoLogins;
try {
  ensureDependencies();
  demoLogins = await ensureSecrets(env);
  await ensureDatabase(env.DATABASE_URL);
  await ensureRedis(env.REDIS_URL);

  say("applying database migrations…");
  run("npx", ["prisma", "migrate", "deploy"], env, { isQuiet: true });
  say("seeding demo data (idempotent)…");
  // The demo password goes to the seed only: the web and the worker never need it.
  const seed = run("npx", ["tsx", "prisma/seed.ts"], { ...env, BATON_DEMO_PASSWORD: demoLogins.demoPassword }, { isQuiet: true });
  const replaced = /^Replaced the published demo password.*$/m.exec(seed.stdout ?? "");
  if (replaced) say(replaced[0]);

  if (!isDev && isBuildStale()) {
    say("building the web app (first start or sources changed; this takes a minute or two)…");
    run("npx", ["next", "build"], env);
  }
} catch (error) {
  fail(error.message);
}

/**
 * Secrets given in the environment win; the others come from the data directory's secrets file, generated there on
 * first start (server/config/secrets-file.ts, loaded through tsx now that dependencies are installed). The same file
 * keeps the demo users' password (BATON_DEMO_PASSWORD), which is not a key: the seed needs it, no process does.
 * Only this script creates the file; a worker or seed started by hand reads it but never creates it.
 */
async function ensureSecrets(target) {
  const { tsImport } = await import("tsx/esm/api");
  const { ensureSecretsFile } = await tsImport("../server/config/secrets-file.ts", import.meta.url);
  const { parseSecrets, SECRET_NAMES } = await tsImport("../server/config/secrets.ts", import.meta.url);
  const isDemoPasswordGiven = Boolean(target.BATON_DEMO_PASSWORD);
  const file = ensureSecretsFile(target);
  Object.assign(target, parseSecrets(file.values));
  const createdKeys = file.createdNames.filter((name) => SECRET_NAMES.includes(name));
  if (createdKeys.length > 0) {
    say(`generated ${createdKeys.join(" and ")} and stored them in ${c.bold(file.path)} (readable only by you).`);
    say(
      c.yellow("back this file up: without BATON_SECRET_KEY the stored credentials cannot be decrypted, ") +
        c.yellow("and a new NEXTAUTH_SECRET signs everyone out."),
    );
  }
  if (file.createdNames.includes("BATON_DEMO_PASSWORD")) {
    say(`generated a password for the demo users (BATON_DEMO_PASSWORD) and stored it in ${c.bold(file.path)}.`);
  }
  return {
    demoPassword: file.values.BATON_DEMO_PASSWORD,
    demoPasswordSource: isDemoPasswordGiven ? "set in BATON_DEMO_PASSWORD" : `kept in ${file.path}`,
  };
}

const bin = (name) => `${ROOT}node_modules/.bin/${name}`;
const children = [
  startChild("web", c.magenta, process.execPath, [`${ROOT}scripts/web-server.mjs`, ...(isDev ? ["--dev"] : []), "-p", env.PORT], env),
  startChild("worker", c.green, bin("tsx"), isDev ? ["watch", "worker/index.ts"] : ["worker/index.ts"], {
    ...env,
    BATON_SERVICE: "worker",
  }),
];

let isStopping = false;
function stopAll(code) {
  if (isStopping) return;
  isStopping = true;
  say("stopping web and worker…");
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  let remaining = children.filter((ch) => ch.exitCode === null).length;
  if (remaining === 0) process.exit(code);
  for (const child of children) child.once("exit", () => --remaining === 0 && process.exit(code));
  setTimeout(() => process.exit(code), 35_000).unref();
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
for (const child of children) {
  child.once("exit", (code, signal) => {
    if (isStopping) return;
    process.stderr.write(`${c.red("baton")} a process stopped unexpectedly (exit ${code ?? signal}); stopping the other.\n`);
    stopAll(1);
  });
}

const url = `http://localhost:${env.PORT}`;
const isUp = await waitForHttp(`${url}/api/healthz`, 120_000, () => !isStopping);
if (!isUp) {
  if (!isStopping) fail(`the web app did not answer on ${url} within two minutes.`);
} else {
  process.stdout.write(
    [
      "",
      `  ${c.bold("Baton is running")} at ${c.cyan(url)}`,
      "",
      `  Demo logins (initial password ${c.bold(demoLogins.demoPassword)}, ${demoLogins.demoPasswordSource}):`,
      "    admin@baton.local      organisation admin: engine, network, every team's audit and people",
      "    teamadmin@baton.local  admin of Risk Operations only: its audit, people and API keys",
      "    builder@baton.local    builds and runs workflows",
      "    approver@baton.local   decides approvals in the Inbox",
      "    viewer@baton.local     read-only",
      "",
      `  Worker health: http://${process.env.WORKER_HEALTH_HOST || "127.0.0.1"}:${process.env.WORKER_HEALTH_PORT || 3001}/healthz   ·   Ctrl-C stops both.`,
      "",
    ].join("\n") + "\n",
  );
}
