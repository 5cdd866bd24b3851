import { describe, expect, it } from "vitest";
import { isCrossSiteRequest, type TCrossSiteRequest } from "./cross-site";

const APP = "http://localhost:3000";
const base: TCrossSiteRequest = {
  method: "POST",
  path: "/api/runs/r1/cancel",
  cookieNames: ["next-auth.session-token"],
  secFetchSite: null,
  origin: null,
  appOrigins: [APP],
};
const check = (over: Partial<TCrossSiteRequest>) => isCrossSiteRequest({ ...base, ...over });

describe("isCrossSiteRequest", () => {
  it("refuses a same-site page's form POST (another port) that carries the session cookie", () => {
    expect(check({ secFetchSite: "same-site", origin: "http://localhost:3499" })).toBe(true);
    expect(check({ secFetchSite: "cross-site", origin: "https://evil.example" })).toBe(true);
    expect(check({ secFetchSite: "none" })).toBe(true);
  });

  it("without Sec-Fetch-Site, judges by Origin (the string 'null' included)", () => {
    expect(check({ origin: "http://localhost:3499" })).toBe(true);
    expect(check({ origin: "null" })).toBe(true);
    expect(check({ origin: "http://localhost:3000.evil.example" })).toBe(true);
    expect(check({ origin: APP })).toBe(false);
    expect(check({ origin: "http://127.0.0.1:3000", appOrigins: [APP, "http://127.0.0.1:3000"] })).toBe(false);
  });

  it("lets the app's own requests through, whatever the method", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "delete"]) {
      expect(check({ method, secFetchSite: "same-origin", origin: APP })).toBe(false);
    }
  });

  it("checks every state-changing method and no safe one", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(check({ method, origin: "https://evil.example" })).toBe(true);
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(check({ method, origin: "https://evil.example" })).toBe(false);
  });

  it("applies to every session cookie name (HTTPS prefix, chunks) and not without one", () => {
    const evil = { secFetchSite: "same-site", origin: "http://localhost:3499" };
    for (const name of ["__Secure-next-auth.session-token", "next-auth.session-token.0", "__Secure-next-auth.session-token.1"]) {
      expect(check({ ...evil, cookieNames: ["other", name] })).toBe(true);
    }
    expect(check({ ...evil, cookieNames: [] })).toBe(false);
    expect(check({ ...evil, cookieNames: ["next-auth.csrf-token", "next-auth.callback-url"] })).toBe(false);
  });

  it("exempts only routes the cookie does not authenticate, and no look-alike", () => {
    const evil = { secFetchSite: "cross-site", origin: "https://evil.example" };
    for (const path of ["/api/hooks/wf1", "/api/auth/callback/credentials", "/api/auth/signout"]) {
      expect(check({ ...evil, path })).toBe(false);
    }
    for (const path of ["/api/hooksx", "/api/authx/y", "/api/v1/chat/completions", "/api/events/order.created", "/api/engine/resume", "/api/audit/verify", "/api/me"]) {
      expect(check({ ...evil, path })).toBe(true);
    }
  });

  it("leaves non-browser clients (no Sec-Fetch-Site, no Origin) to the session check", () => {
    expect(check({})).toBe(false);
  });
});
