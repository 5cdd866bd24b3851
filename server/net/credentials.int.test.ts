import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { encryptSecret, type TJsonSecret } from "../crypto/secret-box";
import { NodeError } from "../nodes/node-error";
import { credentialToAuth, loadCredentialAuth, redactHeaders, redactText, redactUrl, REDACTED } from "./credentials";

let t: TTestDb;
let teamId = "";
let otherTeamId = "";

beforeAll(async () => {
  t = await createTestDatabase("credentials");
  teamId = (await t.db.team.create({ data: { slug: "risk", name: "Risk" } })).id;
  otherTeamId = (await t.db.team.create({ data: { slug: "care", name: "Care" } })).id;
});
afterAll(async () => t.drop());

async function store(team: string, name: string, kind: "bearer" | "basic" | "header" | "api_key_query", data: TJsonSecret, box?: string) {
  const row = await t.db.credential.create({ data: { teamId: team, name, kind, encryptedData: box ?? encryptSecret(data) } });
  return row.id;
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("credentialToAuth", () => {
  it("turns each kind into headers or query parameters", () => {
    expect(credentialToAuth("bearer", { token: "tok-123456" }).headers).toEqual({ authorization: "Bearer tok-123456" });
    const basic = credentialToAuth("basic", { username: "bot", password: "pa:ss-word" });
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from("bot:pa:ss-word").toString("base64")}`);
    expect(credentialToAuth("header", { header: "X-Webhook-Token", value: "hook-secret" }).headers).toEqual({ "x-webhook-token": "hook-secret" });
    expect(credentialToAuth("api_key_query", { param: "api_key", value: "key-98765" })).toMatchObject({ headers: {}, query: { api_key: "key-98765" } });
  });

  it("refuses incomplete data as a configuration problem", () => {
    expect(() => credentialToAuth("bearer", { value: "x" })).toThrow(/is incomplete/);
    expect(() => credentialToAuth("header", { value: "x" })).toThrow(NodeError);
  });
});

describe("loadCredentialAuth", () => {
  it("loads and decrypts a credential of the run's team", async () => {
    const id = await store(teamId, "helpdesk", "bearer", { token: "demo-helpdesk-token-0000" });
    const auth = await loadCredentialAuth(t.db, { credentialId: id, teamId });
    expect(auth.headers.authorization).toBe("Bearer demo-helpdesk-token-0000");
    expect(auth.secrets).toContain("demo-helpdesk-token-0000");
  });

  it("refuses another team's credential exactly like a missing one", async () => {
    const id = await store(otherTeamId, "theirs", "bearer", { token: "other-team-token-1111" });
    const foreign = await failure(loadCredentialAuth(t.db, { credentialId: id, teamId }));
    const missing = await failure(loadCredentialAuth(t.db, { credentialId: "does-not-exist", teamId }));
    expect(foreign).toMatchObject({ code: "INVALID_CONFIG", isRetryable: false });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.message).not.toContain("other-team-token");
  });

  it("reports an undecryptable or incomplete credential by name, without crashing", async () => {
    const broken = await store(teamId, "broken", "bearer", null, "v1.AAAA.BBBB.CCCC");
    expect((await failure(loadCredentialAuth(t.db, { credentialId: broken, teamId }))).message).toMatch(/^Credential "broken": /);
    const wrongKey = await store(teamId, "wrong-key", "bearer", null, encryptSecret({ token: "x" }, { secretKey: "another-secret-key-of-32-characters!!" }));
    expect((await failure(loadCredentialAuth(t.db, { credentialId: wrongKey, teamId }))).code).toBe("INVALID_CONFIG");
    const incomplete = await store(teamId, "incomplete", "basic", { username: "bot" });
    expect((await failure(loadCredentialAuth(t.db, { credentialId: incomplete, teamId }))).message).toContain('Credential "incomplete" (basic) is incomplete');
  });
});

describe("redaction", () => {
  const auth = credentialToAuth("header", { header: "X-Api-Token", value: "super-secret-value" });
  const query = credentialToAuth("api_key_query", { param: "key", value: "query-secret-1234" });

  it("redacts sensitive and credential headers, keeping the rest", () => {
    const headers = { authorization: "Bearer abc", "x-api-token": "super-secret-value", "x-echo": "has super-secret-value inside", accept: "application/json" };
    expect(redactHeaders(headers, auth)).toEqual({ authorization: REDACTED, "x-api-token": REDACTED, "x-echo": REDACTED, accept: "application/json" });
  });

  it("redacts credential query parameters and secrets in text", () => {
    const url = new URL("https://api.example.com/v1?page=2&key=query-secret-1234");
    expect(redactUrl(url, query)).toBe("https://api.example.com/v1?page=2&key=%5Bredacted%5D");
    expect(redactText("echo: query-secret-1234!", query)).toBe(`echo: ${REDACTED}!`);
  });
});
