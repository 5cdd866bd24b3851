import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { AppError } from "../errors";
import { createCredential } from "./create-credential";
import { loadCredentialAuth } from "./credentials";

let t: TTestDb;
let teamId = "";

beforeAll(async () => {
  t = await createTestDatabase("createcred");
  teamId = (await t.db.team.create({ data: { slug: "risk", name: "Risk" } })).id;
});
afterAll(async () => t.drop());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createCredential", () => {
  it("stores the hosts normalised, and loading the credential carries them", async () => {
    const { id, allowedHosts } = await createCredential(t.db, {
      teamId,
      name: "crm",
      kind: "bearer",
      data: { token: "crm-token-0001" },
      allowedHosts: ["API.Example.com", "*.Bücher.example"],
    });
    expect(allowedHosts).toEqual(["api.example.com", "*.xn--bcher-kva.example"]);
    const auth = await loadCredentialAuth(t.db, { credentialId: id, teamId });
    expect(auth.credential).toEqual({ name: "crm", allowedHosts: ["api.example.com", "*.xn--bcher-kva.example"] });
  });

  it("refuses hosts with a scheme or port, and data that does not fit the kind", async () => {
    const badHost = await refusal(
      createCredential(t.db, { teamId, name: "bad", kind: "bearer", data: { token: "x-1234" }, allowedHosts: ["https://api.example.com:8443"] }),
    );
    expect(badHost.issues[0]).toEqual({
      path: "allowedHosts.0",
      message: '"https://api.example.com:8443" is not a host name: use a host such as api.example.com or *.example.com, without scheme, port or path',
    });
    const badData = await refusal(createCredential(t.db, { teamId, name: "bad", kind: "basic", data: { username: "bot" }, allowedHosts: [] }));
    expect(badData.message).toBe('Credential "bad" (basic) is incomplete: its stored data lacks a required field.');
    expect(await t.db.credential.count({ where: { name: "bad" } })).toBe(0);
  });
});
