import { describe, expect, it } from "vitest";
import { parseSecrets } from "./secrets";

const SESSION = "a-session-signing-key-that-is-long-enough-000";
const ENCRYPTION = "a-credential-encryption-key-long-enough-111";
const OLD_PUBLIC_CONSTANT = "baton-development-secret-change-me-in-production";

function refusal(source: Record<string, string | undefined>): string {
  try {
    parseSecrets(source);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("parseSecrets accepted the configuration");
}

describe("parseSecrets", () => {
  it("accepts two different strong keys", () => {
    expect(parseSecrets({ NEXTAUTH_SECRET: SESSION, BATON_SECRET_KEY: ENCRYPTION })).toEqual({
      NEXTAUTH_SECRET: SESSION,
      BATON_SECRET_KEY: ENCRYPTION,
    });
  });

  it("refuses a missing key with one line naming it and how to fix it", () => {
    const message = refusal({ NODE_ENV: "production", BATON_SECRET_KEY: ENCRYPTION });
    expect(message).toBe(
      "NEXTAUTH_SECRET is not set: run `npm start` (it generates and stores secrets) or set it; see README, Configuration",
    );
    expect(refusal({ NODE_ENV: "production", NEXTAUTH_SECRET: SESSION, BATON_SECRET_KEY: "" })).toMatch(
      /^BATON_SECRET_KEY is not set: /,
    );
    expect(refusal({ NODE_ENV: "production" }).split("\n")).toHaveLength(1);
  });

  it("refuses the old public development constant", () => {
    const message = refusal({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: OLD_PUBLIC_CONSTANT,
      BATON_SECRET_KEY: ENCRYPTION,
    });
    expect(message).toMatch(/^NEXTAUTH_SECRET is a published development value/);
    expect(refusal({ NEXTAUTH_SECRET: SESSION, BATON_SECRET_KEY: OLD_PUBLIC_CONSTANT })).toMatch(
      /^BATON_SECRET_KEY is a published/,
    );
  });

  it("refuses short keys", () => {
    expect(refusal({ NEXTAUTH_SECRET: "short", BATON_SECRET_KEY: ENCRYPTION })).toMatch(
      /^NEXTAUTH_SECRET is too short \(5 characters; at least 32\)/,
    );
  });

  it("refuses one value for both purposes", () => {
    expect(refusal({ NEXTAUTH_SECRET: SESSION, BATON_SECRET_KEY: SESSION })).toMatch(
      /NEXTAUTH_SECRET and BATON_SECRET_KEY must be different values/,
    );
  });
});
