// The CLI end to end: a real process against a cloned database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams } from "@/test/fixtures/two-teams";

const exec = promisify(execFile);
let t: TTestDb;

beforeAll(async () => {
  t = await createTestDatabase("orgadmincli");
  await seedTwoTeams(t.db);
});
afterAll(async () => t.drop());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--import", "tsx", "scripts/org-admin.ts", ...args], {
      env: { ...process.env, DATABASE_URL: t.url },
    });
    return { code: 0, out: stdout.trim(), err: stderr.trim() };
  } catch (e) {
    const error = e as { code: number; stdout: string; stderr: string };
    return { code: error.code, out: error.stdout.trim(), err: error.stderr.trim() };
  }
}

describe("npm run org-admin", () => {
  it("grants, says so, and refuses bad usage, unknown accounts and removing the last admin", async () => {
    expect(await run("admin-b@test.local")).toEqual({
      code: 0,
      out: "admin-b@test.local is now organisation admin (2 active organisation admins).",
      err: "",
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "admin-b@test.local" } })).isOrgAdmin).toBe(true);
    expect(await run()).toMatchObject({ code: 2, err: "Usage: npm run org-admin -- <email> [--revoke]" });
    expect(await run("ghost@test.local")).toMatchObject({ code: 1, err: "No account has the email ghost@test.local." });
    await t.db.user.update({ where: { email: "org@test.local" }, data: { isOrgAdmin: false } });
    expect(await run("admin-b@test.local", "--revoke")).toMatchObject({
      code: 1,
      err: "admin-b@test.local is the only organisation admin: make someone else organisation admin first.",
    });
  }, 60_000);
});
