// The demo users' password is the installation's (BATON_DEMO_PASSWORD), never the published `baton-demo`: the seed
// refuses without it, sets it on new demo users, and replaces `baton-demo` on existing ones — but never a password
// someone changed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, redisKey } from "../redis/client";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";
import { signInWithPassword } from "../auth/sign-in";
import { DEMO_USERS, seedDemo } from "./index";

const PUBLISHED = "baton-demo";
const INSTALLATION = "an-installation-demo-password-7Qx";
const given = process.env.BATON_DEMO_PASSWORD;

let t: TTestDb;
const redis = createRedis();

beforeAll(async () => {
  t = await createTestDatabase("seeddemopw");
}, 60_000);
afterEach(() => {
  process.env.BATON_DEMO_PASSWORD = given;
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

const signIn = (email: string, password: string) =>
  signInWithPassword({ db: t.db, redis }, { email, password }, "10.9.0.1").then(
    () => "OK",
    (e: unknown) => (e instanceof AppError ? e.code : `OTHER ${String(e)}`),
  );
const hashOf = async (email: string) => (await t.db.user.findUniqueOrThrow({ where: { email } })).passwordHash ?? "";

describe("demo seed: the demo password", () => {
  it("refuses without BATON_DEMO_PASSWORD, in one line naming it, and creates nobody", async () => {
    delete process.env.BATON_DEMO_PASSWORD;
    const refusal = await seedDemo(t.db, { historyDays: 0 }).then(
      () => "seeded",
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(refusal).toMatch(/^BATON_DEMO_PASSWORD is not set: /);
    expect(refusal.split("\n")).toHaveLength(1);
    expect(await t.db.user.count()).toBe(0);
  });

  it("gives new demo users the installation's password: sign-in works with it, not with baton-demo", async () => {
    process.env.BATON_DEMO_PASSWORD = INSTALLATION;
    await seedDemo(t.db, { historyDays: 0 });
    expect(await signIn("builder@baton.local", INSTALLATION)).toBe("OK");
    expect(await signIn("viewer@baton.local", PUBLISHED)).toBe("UNAUTHENTICATED");
    for (const { email } of DEMO_USERS) expect(await verifyPassword(await hashOf(email), INSTALLATION), email).toBe(true);
  }, 60_000);

  it("on a re-seed, replaces baton-demo (ending its sessions, audited) but leaves a changed password alone", async () => {
    await t.db.user.update({
      where: { email: "approver@baton.local" },
      data: { passwordHash: await hashPassword(PUBLISHED) },
    });
    await t.db.user.update({
      where: { email: "viewer@baton.local" },
      data: { passwordHash: await hashPassword("the-viewer-chose-this-one") },
    });
    const before = await t.db.user.findUniqueOrThrow({ where: { email: "approver@baton.local" } });
    const viewerHash = await hashOf("viewer@baton.local");

    process.env.BATON_DEMO_PASSWORD = INSTALLATION;
    await seedDemo(t.db, { historyDays: 0 });

    expect(await signIn("approver@baton.local", PUBLISHED)).toBe("UNAUTHENTICATED");
    expect(await signIn("approver@baton.local", INSTALLATION)).toBe("OK");
    const after = await t.db.user.findUniqueOrThrow({ where: { email: "approver@baton.local" } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await hashOf("viewer@baton.local")).toBe(viewerHash);
    expect(await signIn("viewer@baton.local", "the-viewer-chose-this-one")).toBe("OK");
    const events = await t.db.auditEvent.findMany({ where: { action: "user.demo_password_replaced" } });
    expect(events.map((e) => e.data)).toEqual([{ email: "approver@baton.local" }]);
  }, 60_000);
});
