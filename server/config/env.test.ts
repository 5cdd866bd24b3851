import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills localhost defaults, with the worker's health on loopback", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/baton");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
    expect(env.PORT).toBe(3000);
    expect(env.WORKER_HEALTH_HOST).toBe("127.0.0.1");
    expect(env).not.toHaveProperty("NEXTAUTH_SECRET");
    expect(env).not.toHaveProperty("BATON_SECRET_KEY");
    expect(env.isOidcEnabled).toBe(false);
  });

  it("treats empty strings as unset and coerces numbers", () => {
    const env = parseEnv({ PORT: "8080", REDIS_URL: "" });
    expect(env.PORT).toBe(8080);
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
  });

  it("names every invalid variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "abc" })).toThrow(/DATABASE_URL[\s\S]*PORT/);
  });

  it("requires the OIDC settings together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/must be set together/);
    const env = parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "baton", OIDC_CLIENT_SECRET: "s3cret" });
    expect(env.isOidcEnabled).toBe(true);
  });
});
