import { randomBytes } from "node:crypto";
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
    const rows = await queryDb<{ ip: string }>(
      `SELECT data->>'ip' AS ip FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND data->>'email' = $1`,
      [email],
    );
    expect(rows.map((row) => row.ip)).toHaveLength(1);
    expect(["127.0.0.1", "::1"]).toContain(rows[0]!.ip);
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
