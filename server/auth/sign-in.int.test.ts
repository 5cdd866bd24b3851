import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, redisKey } from "../redis/client";
import { getEnv } from "../config/env";
import { hashPassword } from "./password";
import { signInLimitsFromEnv, signInWithPassword } from "./sign-in";
import { AppError } from "../errors";

let t: TTestDb;
const redis = createRedis();

beforeAll(async () => {
  t = await createTestDatabase("signin");
  for (const name of ["ann", "bea", "cy", "dee", "eve", "fay", "gus", "hal", "ida"]) {
    await t.db.user.create({ data: { email: `${name}@example.com`, name, passwordHash: await hashPassword("correct horse") } });
  }
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
const signIn = (email: string, password: string, ip: string) => signInWithPassword(deps(), { email, password }, ip);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: "OK", message: "", retryAfterSeconds: 0 }),
    (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.message, retryAfterSeconds: e.retryAfterSeconds ?? 0 } : { code: "OTHER", message: String(e), retryAfterSeconds: 0 }),
  );
const countAudit = (action: string, email: string) => t.db.auditEvent.count({ where: { action, data: { path: ["email"], equals: email } } });

describe("signInWithPassword", () => {
  it("accepts the right password (email case-insensitive) and audits it", async () => {
    const user = await signInWithPassword(deps(), { email: " ANN@example.com", password: "correct horse" }, "10.0.0.1");
    expect(user.email).toBe("ann@example.com");
    const event = await t.db.auditEvent.findFirst({ where: { action: "auth.signed_in" } });
    expect(event?.resourceId).toBe(user.id);
    expect(event?.data).toMatchObject({ ip: "10.0.0.1" });
  });

  it("refuses a wrong password and an unknown account with the same message", async () => {
    await expect(signIn("ann@example.com", "nope", "10.0.0.2")).rejects.toThrow("Incorrect email or password.");
    await expect(signIn("who@example.com", "nope", "10.0.0.2")).rejects.toThrow("Incorrect email or password.");
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in_failed" } })).toBe(2);
  });

  it("refuses malformed input with a validation message", async () => {
    await expect(codeOf(signInWithPassword(deps(), { email: "not-an-email", password: "x" }, "10.0.0.3"))).resolves.toBe("VALIDATION");
    await expect(codeOf(signInWithPassword(deps(), null, "10.0.0.3"))).resolves.toBe("VALIDATION");
    await expect(codeOf(signInWithPassword(deps(), { email: `${"a".repeat(400)}@example.com`, password: "x" }, "10.0.0.3"))).resolves.toBe("VALIDATION");
  });

  it("refuses a disabled account", async () => {
    await expect(codeOf(signIn("off@example.com", "correct horse", "10.0.0.4"))).resolves.toBe("FORBIDDEN");
  });
});

describe("sign-in throttling counts failures, never successes", () => {
  it("lets 30 successful sign-ins from one address (an office behind one NAT) all succeed", async () => {
    const users = ["ann", "bea", "cy", "dee", "eve", "fay"];
    const results: string[] = [];
    for (let i = 0; i < 30; i++) results.push(await codeOf(signIn(`${users[i % users.length]}@example.com`, "correct horse", "10.3.0.1")));
    expect(results).toEqual(Array(30).fill("OK"));
  });

  it("delays one account from one address after 5 failures, without stopping the owner elsewhere", async () => {
    for (let i = 0; i < 5; i++) await expect(codeOf(signIn("bea@example.com", "bad", "10.4.0.1"))).resolves.toBe("UNAUTHENTICATED");

    // Bea, elsewhere, still signs in while address A is being held back.
    await expect(codeOf(signIn("bea@example.com", "correct horse", "10.4.0.2"))).resolves.toBe("OK");

    // From A, even the right password waits, and the message says how long.
    const fromA = await refusal(signIn("bea@example.com", "correct horse", "10.4.0.1"));
    expect(fromA.code).toBe("RATE_LIMITED");
    expect(fromA.message).toMatch(/^Too many failed sign-ins for this account from your address\. Try again in [12] seconds?\.$/);
    expect(fromA.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await refusal(signIn("bea@example.com", "bad", "10.4.0.1"));
    expect(await countAudit("auth.sign_in_delayed", "bea@example.com")).toBe(1);

    // After the wait, the right password works from A and clears A's counter.
    await new Promise((resolve) => setTimeout(resolve, fromA.retryAfterSeconds * 1000 + 50));
    await expect(codeOf(signIn("bea@example.com", "correct horse", "10.4.0.1"))).resolves.toBe("OK");
    await expect(codeOf(signIn("bea@example.com", "bad", "10.4.0.1"))).resolves.toBe("UNAUTHENTICATED");
    await expect(codeOf(signIn("bea@example.com", "correct horse", "10.4.0.1"))).resolves.toBe("OK");
  });

  it("doubles the delay with each further failure, and concurrent attempts cannot skip it", async () => {
    const ip = "10.5.0.1";
    for (let i = 0; i < 5; i++) await signIn("cy@example.com", "bad", ip).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 2050));
    const burst = await Promise.all([1, 2, 3, 4].map(() => refusal(signIn("cy@example.com", "bad", ip))));
    expect(burst.filter((r) => r.code === "UNAUTHENTICATED")).toHaveLength(1);
    expect(burst.filter((r) => r.code === "RATE_LIMITED")).toHaveLength(3);
    const next = await refusal(signIn("cy@example.com", "correct horse", ip));
    expect(next.code).toBe("RATE_LIMITED");
    expect(next.retryAfterSeconds).toBeGreaterThan(2);
    expect(next.retryAfterSeconds).toBeLessThanOrEqual(4);
  });

  it("locks an account for everyone after the per-account cap (100 failures an hour), and audits the lock once", async () => {
    const cap = 100; // the default SIGNIN_MAX_FAILURES_PER_ACCOUNT
    for (let i = 0; i < cap; i++) {
      const code = await codeOf(signIn("dee@example.com", "bad", `10.6.${Math.floor(i / 4)}.1`));
      expect(code, `failure ${i + 1}`).toBe("UNAUTHENTICATED");
    }
    const fresh = await refusal(signIn("dee@example.com", "correct horse", "10.7.0.1"));
    expect(fresh.code).toBe("RATE_LIMITED");
    expect(fresh.message).toMatch(/^This account is temporarily locked after too many failed sign-ins\. Try again in 15 minutes\.$/);
    await refusal(signIn("dee@example.com", "correct horse", "10.7.0.2"));
    expect(await countAudit("auth.account_locked", "dee@example.com")).toBe(1);
    // Other accounts are untouched.
    await expect(codeOf(signIn("eve@example.com", "correct horse", "10.7.0.1"))).resolves.toBe("OK");
  }, 60_000);

  it("caps failures per address across accounts (password spraying), and audits it once", async () => {
    const max = 50; // the default SIGNIN_MAX_FAILURES_PER_IP
    for (let i = 0; i < max; i++) {
      await expect(codeOf(signIn(`x${i}@example.com`, "bad", "10.8.0.1")), `failure ${i + 1}`).resolves.toBe("UNAUTHENTICATED");
    }
    const next = await refusal(signIn("fay@example.com", "correct horse", "10.8.0.1"));
    expect(next.code).toBe("RATE_LIMITED");
    expect(next.message).toMatch(/^Too many failed sign-ins from your address\. Try again in \d+ minutes?\.$/);
    await refusal(signIn("fay@example.com", "correct horse", "10.8.0.1"));
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in_throttled", resourceId: "10.8.0.1" } })).toBe(0);
    expect(
      await t.db.auditEvent.count({ where: { action: "auth.sign_in_throttled", data: { path: ["ip"], equals: "10.8.0.1" } } }),
    ).toBe(1);
    await expect(codeOf(signIn("fay@example.com", "correct horse", "10.8.0.2"))).resolves.toBe("OK");
  }, 60_000);

  it("caps all attempts per address, successful or not, far above a normal office's use", async () => {
    const limits = { ...signInLimitsFromEnv(getEnv()), maxAttemptsPerIp: 3 };
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      results.push(await codeOf(signInWithPassword({ ...deps(), limits }, { email: "eve@example.com", password: "correct horse" }, "10.9.0.1")));
    }
    expect(results).toEqual(["OK", "OK", "OK", "RATE_LIMITED", "RATE_LIMITED"]);
    expect(await t.db.auditEvent.count({ where: { action: "auth.sign_in_throttled", data: { path: ["ip"], equals: "10.9.0.1" } } })).toBe(1);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("review fixes: the delay keeps growing, IPv6 by /64, known addresses", () => {
  it("remembers an account's failures from one address past the end of the delay, so free guesses do not return", async () => {
    // Memory equal to the longest delay (the defaults: 900 = 900): the counter must outlive the delay.
    const limits = { ...signInLimitsFromEnv(getEnv()), freeFailuresPerAccountAndIp: 2, maxDelaySeconds: 1, ipWindowSeconds: 1 };
    const attempt = () => codeOf(signInWithPassword({ ...deps(), limits }, { email: "grow@example.com", password: "bad" }, "10.30.0.1"));
    expect([await attempt(), await attempt(), await attempt()]).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
    await sleep(1300); // the 1 s delay is over
    expect(await attempt(), "the attempt after the delay").toBe("UNAUTHENTICATED");
    expect(await attempt(), "the next one waits again instead of getting free guesses").toBe("RATE_LIMITED");
  });

  it("keys IPv6 clients by their /64: rotating addresses inside it does not escape the delay; the audit keeps full addresses", async () => {
    for (let i = 1; i <= 5; i++) {
      await expect(codeOf(signIn("gus@example.com", "bad", `2001:db8:1:2::${i}`)), `failure ${i}`).resolves.toBe("UNAUTHENTICATED");
    }
    const sameNet = await refusal(signIn("gus@example.com", "correct horse", "2001:db8:1:2:ffff:eeee:dddd:cccc"));
    expect(sameNet.code).toBe("RATE_LIMITED");
    expect(sameNet.message).toMatch(/for this account from your address/);
    await expect(codeOf(signIn("gus@example.com", "correct horse", "2001:db8:1:3::1"))).resolves.toBe("OK");
    const ips = (await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", data: { path: ["email"], equals: "gus@example.com" } } }))
      .map((e) => (e.data as { ip: string }).ip)
      .sort();
    expect(ips).toEqual([1, 2, 3, 4, 5].map((i) => `2001:db8:1:2::${i}`));
  });

  it("caps failures per IPv6 /64 across accounts (spraying from many addresses of one network)", async () => {
    const limits = { ...signInLimitsFromEnv(getEnv()), maxFailuresPerIp: 3 };
    const sign = (email: string, password: string, ip: string) => codeOf(signInWithPassword({ ...deps(), limits }, { email, password }, ip));
    for (let i = 1; i <= 3; i++) await expect(sign(`s${i}@example.com`, "bad", `2001:db8:5:6::${i}`)).resolves.toBe("UNAUTHENTICATED");
    await expect(sign("hal@example.com", "correct horse", "2001:db8:5:6::99")).resolves.toBe("RATE_LIMITED");
    await expect(sign("hal@example.com", "correct horse", "2001:db8:5:7::1")).resolves.toBe("OK");
  });

  it("lets an address where the person signed in recently keep signing in while strangers hold the account locked", async () => {
    const limits = { ...signInLimitsFromEnv(getEnv()), maxFailuresPerAccount: 3 };
    const sign = (password: string, ip: string) =>
      refusal(signInWithPassword({ ...deps(), limits }, { email: "ida@example.com", password }, ip));
    expect((await sign("correct horse", "10.40.0.1")).code).toBe("OK"); // her office
    expect((await sign("correct horse", "2001:db8:9:9::1")).code).toBe("OK"); // her home network
    for (let i = 1; i <= 3; i++) expect((await sign("bad", `10.41.0.${i}`)).code).toBe("UNAUTHENTICATED");

    const stranger = await sign("correct horse", "10.42.0.1");
    expect(stranger.code).toBe("RATE_LIMITED");
    expect(stranger.message).toMatch(/^This account is temporarily locked/);
    expect((await sign("correct horse", "10.40.0.1")).code, "from her office").toBe("OK");
    expect((await sign("correct horse", "2001:db8:9:9::abcd")).code, "from her home /64").toBe("OK");
    // A wrong password from a known address is still a failure (and still counts).
    expect((await sign("bad", "10.40.0.1")).code).toBe("UNAUTHENTICATED");
  });

  it("forgets a known address after its time, and never treats `unknown` as known", async () => {
    const limits = { ...signInLimitsFromEnv(getEnv()), maxFailuresPerAccount: 2, knownAddressSeconds: 1 };
    const sign = (email: string, password: string, ip: string) => codeOf(signInWithPassword({ ...deps(), limits }, { email, password }, ip));
    await expect(sign("ann@example.com", "correct horse", "10.50.0.1")).resolves.toBe("OK");
    await expect(sign("ann@example.com", "correct horse", "unknown")).resolves.toBe("OK");
    await sign("ann@example.com", "bad", "10.51.0.1");
    await sign("ann@example.com", "bad", "10.51.0.2");
    await expect(sign("ann@example.com", "correct horse", "unknown")).resolves.toBe("RATE_LIMITED");
    await expect(sign("ann@example.com", "correct horse", "10.50.0.1")).resolves.toBe("OK");
    await sleep(1300);
    await expect(sign("ann@example.com", "correct horse", "10.50.0.1")).resolves.toBe("RATE_LIMITED");
  });
});
