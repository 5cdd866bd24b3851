import { describe, expect, it } from "vitest";
import { NodeError } from "../nodes/node-error";
import { assertCredentialMaySendTo, carriesCredential, withoutCredentialQuery, ZCredentialHosts } from "./credential-hosts";
import { credentialToAuth, NO_AUTH, type TCredentialAuth } from "./credentials";
import { matchesHostPattern } from "./outbound-guard";

function bound(allowedHosts: string[], name = "crm"): TCredentialAuth {
  return { ...credentialToAuth("api_key_query", { param: "key", value: "secret-key-1234" }), credential: { name, allowedHosts } };
}

function refusal(auth: TCredentialAuth, url: string): NodeError {
  try {
    assertCredentialMaySendTo(auth, new URL(url));
  } catch (error) {
    if (error instanceof NodeError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("matching a request's host against a credential's hosts", () => {
  it("matches exact hosts and leading wildcards, never a look-alike", () => {
    expect(matchesHostPattern("api.example.com", "*.example.com")).toBe(true);
    expect(matchesHostPattern("a.b.example.com", "*.example.com")).toBe(true);
    expect(matchesHostPattern("example.com", "*.example.com")).toBe(false);
    expect(matchesHostPattern("evilexample.com", "*.example.com")).toBe(false);
    expect(matchesHostPattern("example.com.evil.net", "*.example.com")).toBe(false);
    expect(matchesHostPattern("api.example.com.evil.net", "api.example.com")).toBe(false);
  });

  it("compares after IDNA normalisation, case-insensitively, and ignores ports", () => {
    expect(matchesHostPattern(new URL("https://BÜCHER.example/x").hostname, "bücher.example")).toBe(true);
    expect(matchesHostPattern("xn--bcher-kva.example", "Bücher.Example")).toBe(true);
    expect(matchesHostPattern("shop.xn--bcher-kva.example", "*.bücher.example")).toBe(true);
    expect(matchesHostPattern(new URL("http://[0:0::1]:8080/").hostname, "::1")).toBe(true);
    expect(matchesHostPattern("api.example.com", "api.example.com:443")).toBe(false);
    expect(matchesHostPattern("api.example.com", "api.example.com/v1")).toBe(false);
  });

  it("lets a credential go only to its hosts, whatever the port", () => {
    const auth = bound(["api.example.com", "*.crm.example.com"]);
    expect(() => assertCredentialMaySendTo(auth, new URL("https://API.example.com:8443/v1"))).not.toThrow();
    expect(() => assertCredentialMaySendTo(auth, new URL("https://eu.crm.example.com/"))).not.toThrow();
    const error = refusal(auth, "https://evil.example.net/collect");
    expect(error).toMatchObject({ code: "POLICY", isRetryable: false, details: { credential: "crm", hostname: "evil.example.net" } });
    expect(error.message).toBe('Credential "crm" may only be sent to api.example.com, *.crm.example.com; this request goes to evil.example.net.');
    expect(refusal(bound([]), "https://api.example.com/").message).toMatch(/^Credential "crm" has no allowed hosts, so it may not be sent anywhere/);
    // No stored credential, nothing to protect.
    expect(() => assertCredentialMaySendTo(NO_AUTH, new URL("https://anywhere.example.org/"))).not.toThrow();
  });

  it("knows when a request carries the credential, and strips it from a URL", () => {
    const auth = bound(["api.example.com"]);
    const url = new URL("https://other.example.net/x?page=2&key=secret-key-1234");
    expect(carriesCredential(auth, {}, url)).toBe(true);
    expect(withoutCredentialQuery(url, auth).toString()).toBe("https://other.example.net/x?page=2");
    const bearer = { ...credentialToAuth("bearer", { token: "tok-5678" }), credential: { name: "b", allowedHosts: [] } };
    expect(carriesCredential(bearer, { authorization: "Bearer tok-5678" }, new URL("https://x.example/"))).toBe(true);
    expect(carriesCredential(bearer, {}, new URL("https://x.example/"))).toBe(false);
  });
});

describe("ZCredentialHosts", () => {
  it("normalises the hosts a credential is created with", () => {
    expect(ZCredentialHosts.parse(["API.Example.com.", "*.Bücher.example", "127.0.0.1", "[::1]"])).toEqual([
      "api.example.com",
      "*.xn--bcher-kva.example",
      "127.0.0.1",
      "::1",
    ]);
  });

  it.each(["https://api.example.com", "api.example.com:8443", "api.example.com/v1", "*.*.example.com", "*", "", "*.127.0.0.1", "ex ample.com"])(
    "refuses %j with a message",
    (host) => {
      const result = ZCredentialHosts.safeParse([host]);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/host/);
    },
  );
});
