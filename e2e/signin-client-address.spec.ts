import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { queryDb } from "./support/db";

// The server under test trusts no proxy (TRUSTED_PROXIES unset), so X-Forwarded-For written by the client must not
// change the address that sign-in limits key on or that the audit records.
async function attempt(request: APIRequestContext, email: string, headers: Record<string, string>): Promise<string> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "not-the-password", json: "true" },
    headers,
    maxRedirects: 0,
  });
  const { url } = (await res.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "";
}

test.describe("sign-in keys on the socket address, not on client-written headers", () => {
  test("the audit records the connection's address, not a forged X-Forwarded-For, X-Real-IP or peer header", async ({ request }) => {
    const email = `xff-audit-${randomBytes(4).toString("hex")}@example.com`;
    const forged = { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2", "x-baton-peer-address": "203.0.113.3" };
    expect(await attempt(request, email, forged)).toBe("Incorrect email or password.");
    // Shaped like the server's own stamp (`<token> <address>`): still replaced, whatever the guessed token.
    const tokenShaped = { "x-baton-peer-address": `${randomBytes(32).toString("base64url")} 203.0.113.4` };
    expect(await attempt(request, email, tokenShaped)).toBe("Incorrect email or password.");
    const rows = await queryDb<{ ip: string }>(
      `SELECT data->>'ip' AS ip FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND data->>'email' = $1`,
      [email],
    );
    expect(rows.map((row) => row.ip)).toHaveLength(2);
    for (const row of rows) expect(["127.0.0.1", "::1"]).toContain(row.ip);
  });

  test("no response carries the stamped peer header or its token back to the client", async ({ request }) => {
    for (const path of ["/signin", "/api/healthz", "/api/auth/csrf", "/workflows", "/api/me"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      for (const [name, value] of Object.entries(res.headers())) {
        expect(name, `${path}: header ${name}`).not.toContain("peer-address");
        expect(value, `${path}: header ${name}`).not.toMatch(/[\w-]{43} (::ffff:)?(127\.0\.0\.1|::1)/);
      }
      expect(await res.text(), path).not.toContain("x-baton-peer-address");
    }
  });

  test("rotating X-Forwarded-For does not escape the per-account-and-address delay", async ({ request }) => {
    const email = `xff-${randomBytes(4).toString("hex")}@example.com`;
    for (let i = 1; i <= 5; i++) {
      const forged = { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}`, "x-baton-peer-address": `203.0.113.${i}` };
      expect(await attempt(request, email, forged)).toBe("Incorrect email or password.");
    }
    const sixth = await attempt(request, email, { "x-forwarded-for": "198.51.100.77" });
    expect(sixth).toMatch(/^Too many failed sign-ins for this account from your address\. Try again in \d+ seconds?\.$/);
  });
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });

test.describe("a bare `next start` (not supported: no peer token)", () => {
  test("takes no client-written peer header at its word: every client is `unknown`, and the log says why", async ({ playwright }) => {
    test.setTimeout(90_000);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baton_e2e",
      REDIS_PREFIX: process.env.E2E_REDIS_PREFIX ?? "baton-e2e",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("base64url"),
      BATON_SECRET_KEY: process.env.BATON_SECRET_KEY || randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
    };
    delete env.BATON_PEER_TOKEN;
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], { env, stdio: "pipe" });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const request = await playwright.request.newContext({ baseURL: `http://localhost:${port}` });
    try {
      await expect.poll(async () => (await request.get("/api/healthz").catch(() => null))?.status() ?? 0, { timeout: 60_000 }).toBe(200);
      const email = `bare-${randomBytes(4).toString("hex")}@example.com`;
      const forged = { "x-baton-peer-address": "203.0.113.3", "x-forwarded-for": "198.51.100.1" };
      expect(await attempt(request, email, forged)).toBe("Incorrect email or password.");
      const rows = await queryDb<{ ip: string }>(
        `SELECT data->>'ip' AS ip FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND data->>'email' = $1`,
        [email],
      );
      expect(rows.map((row) => row.ip)).toEqual(["unknown"]);
      expect(output).toContain("not a bare `next start`");
    } finally {
      await request.dispose();
      child.kill("SIGTERM");
    }
  });
});
