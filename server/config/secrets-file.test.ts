import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultDataDir, ensureSecretsFile, readSecretsFile } from "./secrets-file";
import { parseSecrets } from "./secrets";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "baton-secrets-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the secrets file", () => {
  it("is created with mode 0600 in a 0700 directory, with strong and different keys", () => {
    const dataDir = join(root, "data", "baton");
    const result = ensureSecretsFile({ BATON_DATA_DIR: dataDir });
    expect(result.path).toBe(join(dataDir, "secrets.env"));
    expect(result.createdNames).toEqual(["NEXTAUTH_SECRET", "BATON_SECRET_KEY", "BATON_DEMO_PASSWORD"]);
    expect(statSync(result.path!).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const secrets = parseSecrets(result.values);
    expect(secrets.NEXTAUTH_SECRET).not.toBe(secrets.BATON_SECRET_KEY);
    expect(readFileSync(result.path!, "utf8")).toContain(`BATON_SECRET_KEY=${secrets.BATON_SECRET_KEY}\n`);
  });

  it("is reused on a later start", () => {
    const first = ensureSecretsFile({ BATON_DATA_DIR: root });
    const second = ensureSecretsFile({ BATON_DATA_DIR: root });
    expect(second.createdNames).toEqual([]);
    expect(second.values).toEqual(first.values);
  });

  it("lets values given in the environment win, and touches no file when all are given", () => {
    const first = ensureSecretsFile({ BATON_DATA_DIR: root });
    const given = "a-session-key-from-the-environment-0123456789";
    const mixed = ensureSecretsFile({ BATON_DATA_DIR: root, NEXTAUTH_SECRET: given });
    expect(mixed.values).toEqual({
      NEXTAUTH_SECRET: given,
      BATON_SECRET_KEY: first.values.BATON_SECRET_KEY,
      BATON_DEMO_PASSWORD: first.values.BATON_DEMO_PASSWORD,
    });

    const elsewhere = join(root, "never-created");
    const all = ensureSecretsFile({
      BATON_DATA_DIR: elsewhere,
      NEXTAUTH_SECRET: given,
      BATON_SECRET_KEY: "x".repeat(40),
      BATON_DEMO_PASSWORD: "a-demo-password-from-the-environment",
    });
    expect(all.path).toBeNull();
    expect(() => statSync(elsewhere)).toThrow();
  });

  it("adds a key the file does not hold yet and keeps the others", () => {
    const path = join(root, "secrets.env");
    writeFileSync(path, "# kept\nNEXTAUTH_SECRET=an-existing-session-key-that-is-long-enough\n", { mode: 0o600 });
    const result = ensureSecretsFile({ BATON_DATA_DIR: root });
    expect(result.createdNames).toEqual(["BATON_SECRET_KEY", "BATON_DEMO_PASSWORD"]);
    expect(result.values.NEXTAUTH_SECRET).toBe("an-existing-session-key-that-is-long-enough");
    expect(readFileSync(path, "utf8")).toMatch(
      /^# kept\nNEXTAUTH_SECRET=an-existing[^\n]+\nBATON_SECRET_KEY=\S{43}\nBATON_DEMO_PASSWORD=\S{16}\n$/,
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("generates the demo users' password beside the keys: random, 16 characters, its own line, reused", () => {
    const first = ensureSecretsFile({ BATON_DATA_DIR: root });
    const password = first.values.BATON_DEMO_PASSWORD;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(password).not.toBe("baton-demo");
    expect(ensureSecretsFile({ BATON_DATA_DIR: join(root, "other") }).values.BATON_DEMO_PASSWORD).not.toBe(password);
    expect(readFileSync(first.path!, "utf8")).toContain(`\nBATON_DEMO_PASSWORD=${password}\n`);
    expect(ensureSecretsFile({ BATON_DATA_DIR: root }).values.BATON_DEMO_PASSWORD).toBe(password);
    expect(ensureSecretsFile({ BATON_DATA_DIR: root, BATON_DEMO_PASSWORD: "from-the-env" }).values.BATON_DEMO_PASSWORD).toBe(
      "from-the-env",
    );
  });

  it("is only read, never created, by readSecretsFile (the worker and the seed run by hand)", () => {
    const dir = join(root, "absent");
    expect(readSecretsFile({ BATON_DATA_DIR: dir })).toBeNull();
    expect(() => statSync(dir)).toThrow();
    const made = ensureSecretsFile({ BATON_DATA_DIR: root });
    expect(readSecretsFile({ BATON_DATA_DIR: root })).toEqual(made.values);
  });

  it("refuses a file other users can read", () => {
    const first = ensureSecretsFile({ BATON_DATA_DIR: root });
    chmodSync(first.path!, 0o644);
    expect(() => ensureSecretsFile({ BATON_DATA_DIR: root })).toThrow(/readable by other users .*chmod 600/);
  });

  it("lives under XDG_DATA_HOME, else ~/.local/share", () => {
    expect(defaultDataDir({ XDG_DATA_HOME: "/x/data", HOME: "/home/a" })).toBe("/x/data/baton");
    expect(defaultDataDir({ HOME: "/home/a" })).toBe("/home/a/.local/share/baton");
    expect(defaultDataDir({ BATON_DATA_DIR: "/srv/baton", HOME: "/home/a" })).toBe("/srv/baton");
  });
});
