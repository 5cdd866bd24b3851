import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, redisKey } from "../redis/client";
import { hashPassword } from "./password";
import { signInWithPassword } from "./sign-in";
import { AppError } from "../errors";

let t: TTestDb;
const redis = createRedis();

beforeAll(async () => {
  t = await createTestDatabase("signin");
  await t.db.user.create({ data: { email: "ann@example.com", name: "Ann", passwordHash: await hashPassword("correct horse") } });
  await t.db.user.create({ data: { email: "bea@example.com", name: "Bea", passwordHash: await hashPassword("correct horse") } });
  await t.db.user.create({
    data: { email: "off@example.com", name: "Off", isActive: false, passwordHash: await hashPassword("correct horse") },
  });
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

const deps = () => ({ db: t.db, redis });
const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? e.code : "OTHER"));

describe("signInWithPassword", () => {
  it("accepts the right password (email case-insensitive) and audits it", async () => {
    const user = await signInWithPassword(deps(), { email: " ANN@example.com", password: "correct horse" }, "10.0.0.1");
    expect(user.email).toBe("ann@example.com");
    const event = await t.db.auditEvent.findFirst({ where: { action: "auth.signed_in" } });
    expect(event?.resourceId).toBe(user.id);
  });

  it("refuses a wrong password and an unknown account with the same message", async () => {
    const wrong = signInWithPassword(deps(), { email: "ann@example.com", password: "nope" }, "10.0.0.2");
    await expect(wrong).rejects.toThrow("Incorrect email or password.");
    const unknown = signInWithPassword(deps(), { email: "who@example.com", password: "nope" }, "10.0.0.2");
    await expect(unknown).rejects.toThrow("Incorrect email or password.");
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in_failed" } })).toBe(2);
  });

  it("refuses malformed input with a validation message", async () => {
    await expect(codeOf(signInWithPassword(deps(), { email: "not-an-email", password: "x" }, "10.0.0.3"))).resolves.toBe("VALIDATION");
    await expect(codeOf(signInWithPassword(deps(), null, "10.0.0.3"))).resolves.toBe("VALIDATION");
  });

  it("refuses a disabled account", async () => {
    await expect(codeOf(signInWithPassword(deps(), { email: "off@example.com", password: "correct horse" }, "10.0.0.4"))).resolves.toBe("FORBIDDEN");
  });

  it("locks an account after 5 failures, even with the right password, from any IP", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(codeOf(signInWithPassword(deps(), { email: "bea@example.com", password: "bad" }, `10.1.0.${i}`))).resolves.toBe("UNAUTHENTICATED");
    }
    const locked = signInWithPassword(deps(), { email: "bea@example.com", password: "correct horse" }, "10.9.9.9");
    await expect(locked).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Too many sign-in attempts/) });
  });

  it("limits attempts per IP across accounts", async () => {
    const results: string[] = [];
    for (let i = 0; i < 21; i++) {
      results.push(await codeOf(signInWithPassword(deps(), { email: `x${i}@example.com`, password: "bad" }, "10.2.0.1")));
    }
    expect(results.slice(0, 20).every((r) => r === "UNAUTHENTICATED")).toBe(true);
    expect(results[20]).toBe("RATE_LIMITED");
  });
});
