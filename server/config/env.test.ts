import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills localhost defaults and flags development secrets", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/baton");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
    expect(env.PORT).toBe(3000);
    expect(env.isUsingDevSecrets).toBe(true);
    expect(env.isOidcEnabled).toBe(false);
  });

  it("treats empty strings as unset and coerces numbers", () => {
    const env = parseEnv({ PORT: "8080", REDIS_URL: "" });
    expect(env.PORT).toBe(8080);
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
  });

  it("names every invalid variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "abc", BATON_SECRET_KEY: "short" })).toThrow(
      /DATABASE_URL[\s\S]*BATON_SECRET_KEY[\s\S]*PORT|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it("requires the OIDC settings together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/must be set together/);
    const env = parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "baton", OIDC_CLIENT_SECRET: "s3cret" });
    expect(env.isOidcEnabled).toBe(true);
  });
});
