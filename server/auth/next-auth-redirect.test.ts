import { describe, expect, it } from "vitest";
import { buildAuthOptions } from "./next-auth-options";

// next-auth calls `redirect` for every callbackUrl it follows (sign-in, OIDC, sign-out).
describe("next-auth redirect callback", () => {
  const redirect = buildAuthOptions().callbacks!.redirect!;
  const baseUrl = "http://localhost:3000";

  it.each([
    ["/workflows", "http://localhost:3000/workflows"],
    ["http://localhost:3000/runs?status=FAILED", "http://localhost:3000/runs?status=FAILED"],
    ["/\\127.0.0.1:3499/x", "http://localhost:3000/"],
    ["/\t/127.0.0.1:3499/x", "http://localhost:3000/"],
    ["//evil.example/x", "http://localhost:3000/"],
    ["https://evil.example", "http://localhost:3000/"],
    ["javascript:alert(1)", "http://localhost:3000/"],
  ])("%j → %s", async (url, expected) => {
    expect(await redirect({ url, baseUrl })).toBe(expected);
  });
});
