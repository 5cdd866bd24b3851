import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "../../test/db";
import { loadPrincipal } from "./principal";
import { revokeSessions } from "./sessions";

// A session carries the sessionVersion it was issued under; signing out increments it, ending every older session.
let t: TTestDb;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase("principal");
  userId = (await t.db.user.create({ data: { email: "p@example.com", name: "P" }, select: { id: true } })).id;
});
afterAll(async () => t.drop());

describe("loadPrincipal and the session version", () => {
  it("accepts a session of the current version and refuses one issued before sign-out", async () => {
    expect(await loadPrincipal(t.db, userId, { sessionVersion: 0 })).toMatchObject({ id: userId });
    await revokeSessions(t.db, userId);
    expect(await loadPrincipal(t.db, userId, { sessionVersion: 0 })).toBeNull();
    expect(await loadPrincipal(t.db, userId, { sessionVersion: 1 })).toMatchObject({ id: userId });
  });

  it("refuses a session that carries no version", async () => {
    expect(await loadPrincipal(t.db, userId, { sessionVersion: null })).toBeNull();
  });
});
