// Only `npm start`/`npm run dev` create the secrets file. A worker or seed started by hand reads an existing one in
// development, and without one refuses in one line: it never makes keys of its own that differ from the web's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib.mjs";
import { ensureSecretsFile } from "./secrets-file";
import { fillSecretsFromFile } from "./secrets-fill";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "baton-fill-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** This process's environment without NODE_ENV and the secrets, its data directories under `root`. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_DATA_DIR: join(root, "data"), XDG_DATA_HOME: root, HOME: root };
  for (const name of ["NODE_ENV", "NEXTAUTH_SECRET", "BATON_SECRET_KEY", "BATON_DEMO_PASSWORD"]) delete env[name];
  return env;
}

function runScript(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync("npm", args, { cwd: ROOT, env: bareEnv(), encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stderr: result.stderr };
}

describe("secrets for processes started by hand", () => {
  it("`npm run worker` without NODE_ENV or secrets, and no secrets file, refuses in one line and creates none", () => {
    const { status, stderr } = runScript(["run", "--silent", "worker"]);
    expect(stderr.trim()).toBe(
      "Baton worker could not start: NEXTAUTH_SECRET is not set: run `npm start` (it generates and stores secrets) or set it; see README, Configuration",
    );
    expect(status).toBe(1);
    expect(readdirSync(root)).toEqual([]);
  }, 90_000);

  it("`npm run db:seed` likewise refuses and creates no file", () => {
    const { status, stderr } = runScript(["run", "--silent", "db:seed"]);
    expect(stderr.trim()).toMatch(/^Seed aborted: NEXTAUTH_SECRET is not set: /);
    expect(status).toBe(1);
    expect(readdirSync(root)).toEqual([]);
  }, 90_000);

  it("fills missing values from an existing file, the environment's own winning; no file: fills nothing", () => {
    const env = bareEnv();
    fillSecretsFromFile(env);
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
    expect(existsSync(join(root, "data"))).toBe(false);

    const file = ensureSecretsFile(bareEnv());
    const filled: NodeJS.ProcessEnv = { ...bareEnv(), BATON_DEMO_PASSWORD: "given-in-the-environment" };
    fillSecretsFromFile(filled);
    expect(filled.NEXTAUTH_SECRET).toBe(file.values.NEXTAUTH_SECRET);
    expect(filled.BATON_SECRET_KEY).toBe(file.values.BATON_SECRET_KEY);
    expect(filled.BATON_DEMO_PASSWORD).toBe("given-in-the-environment");
  });

  it("does nothing in production, even with a file", () => {
    ensureSecretsFile(bareEnv());
    const env: NodeJS.ProcessEnv = { ...bareEnv(), NODE_ENV: "production" };
    fillSecretsFromFile(env);
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
  });
});
