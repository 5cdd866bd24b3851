import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRedis, redisKey } from "../redis/client";
import { hashPassword } from "../auth/password";
import { signInWithPassword } from "../auth/sign-in";
import { isAppError } from "../errors";
import { createPeerToken, stampPeerAddress } from "./peer-address.mjs";
import { clientAddressFromHeaders } from "./client-ip";
import { parseTrustedProxies, type TTrustedProxies } from "./trusted-proxies";

// The web server entry's peer stamping, the client-address rule and sign-in together, over real sockets:
// what scripts/web-server.mjs does in front of Next.js, minus Next.js.
let t: TTestDb;
const redis = createRedis();
let server: Server;
let baseUrl = "";
let trusted: TTrustedProxies = [];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

beforeAll(async () => {
  t = await createTestDatabase("clientip");
  await t.db.user.create({ data: { email: "ann@example.com", name: "Ann", passwordHash: await hashPassword("correct horse") } });
  const token = createPeerToken();
  server = createServer((req, res) => {
    stampPeerAddress(req, token);
    void (async () => {
      const ip = clientAddressFromHeaders(req.headers, trusted);
      try {
        await signInWithPassword({ db: t.db, redis }, await readBody(req), ip);
        res.end(JSON.stringify({ ip, code: "OK", message: "" }));
      } catch (error) {
        res.end(JSON.stringify({ ip, code: isAppError(error) ? error.code : "OTHER", message: (error as Error).message }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  const keys = await redis.keys(redisKey("*"));
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await t.drop();
});

async function attempt(email: string, password: string, headers: Record<string, string>) {
  const res = await fetch(baseUrl, { method: "POST", headers, body: JSON.stringify({ email, password }) });
  return (await res.json()) as { ip: string; code: string; message: string };
}

const auditedIps = async (email: string) =>
  (await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", data: { path: ["email"], equals: email } } })).map(
    (e) => (e.data as { ip: string }).ip,
  );

describe("client address behind the web server entry", () => {
  it("ignores a rotating X-Forwarded-For (and a forged peer header) from an untrusted client", async () => {
    trusted = [];
    for (let i = 1; i <= 5; i++) {
      const forged = { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}`, "x-baton-peer-address": `203.0.113.${i}` };
      expect(await attempt("ann@example.com", "bad", forged)).toMatchObject({ ip: "127.0.0.1", code: "UNAUTHENTICATED" });
    }
    const sixth = await attempt("ann@example.com", "correct horse", { "x-forwarded-for": "198.51.100.99" });
    expect(sixth.code).toBe("RATE_LIMITED");
    expect(sixth.message).toMatch(/for this account from your address/);
    expect(await auditedIps("ann@example.com")).toEqual(Array(5).fill("127.0.0.1"));
  });

  it("uses the forwarded address when the peer is a trusted proxy", async () => {
    trusted = parseTrustedProxies("127.0.0.1").ranges;
    expect(await attempt("zed@example.com", "bad", { "x-forwarded-for": "6.6.6.6, 203.0.113.10" })).toMatchObject({
      ip: "203.0.113.10",
      code: "UNAUTHENTICATED",
    });
    expect(await auditedIps("zed@example.com")).toEqual(["203.0.113.10"]);
    // Behind a trusted proxy each real client has its own counters: address .10 failing does not hold back .11.
    for (let i = 0; i < 5; i++) await attempt("ann2@example.com", "bad", { "x-forwarded-for": "203.0.113.10" });
    expect((await attempt("ann2@example.com", "bad", { "x-forwarded-for": "203.0.113.10" })).code).toBe("RATE_LIMITED");
    expect((await attempt("ann2@example.com", "bad", { "x-forwarded-for": "203.0.113.11" })).code).toBe("UNAUTHENTICATED");
  });
});
