import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttpsUrl, newNonce, securityHeaders } from "./security-headers";

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("security headers", () => {
  it("a page's scripts need the nonce; framing, plugins, <base> and foreign form targets are refused", () => {
    const csp = directives(contentSecurityPolicy("page", { nonce: "abc123", isHttps: false }));
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp.get("script-src")).not.toContain("unsafe-inline");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("only next dev gets unsafe-eval", () => {
    expect(contentSecurityPolicy("page", { nonce: "n", isHttps: false, isDev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("page", { nonce: "n", isHttps: false })).not.toContain("unsafe-eval");
  });

  it("API responses and static files may load nothing", () => {
    const csp = directives(contentSecurityPolicy("other", { isHttps: false }));
    expect(csp.get("default-src")).toBe("'none'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
  });

  it("HSTS and upgrade-insecure-requests only over HTTPS", () => {
    expect(securityHeaders("page", { nonce: "n", isHttps: false })["Strict-Transport-Security"]).toBeUndefined();
    const https = securityHeaders("page", { nonce: "n", isHttps: true });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("sets the fixed headers on every kind", () => {
    for (const kind of ["page", "other"] as const) {
      expect(securityHeaders(kind, { isHttps: false })).toMatchObject({
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": expect.stringMatching(/camera=\(\).*microphone=\(\).*geolocation=\(\)/),
      });
    }
  });

  it("nonces are fresh and base64", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it("reads the scheme of NEXTAUTH_URL", () => {
    expect(isHttpsUrl("https://baton.example.com")).toBe(true);
    expect(isHttpsUrl("http://localhost:3000")).toBe(false);
    expect(isHttpsUrl("not a url")).toBe(false);
  });
});
