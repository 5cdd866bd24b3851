import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeError } from "../nodes/node-error";
import {
  checkOutboundUrl,
  classifyAddress,
  matchesHostPattern,
  parseOutboundUrl,
  STRICT_OUTBOUND_POLICY,
  type TOutboundPolicy,
  type TResolver,
} from "./outbound-guard";
import { sendOutboundRequest } from "./outbound-request";

const ALLOW_PRIVATE: TOutboundPolicy = { allowPrivateNetworks: true, allowedHosts: [] };

/** A resolver answering from a table, counting its calls (stands in for DNS, which the tests cannot control). */
function tableResolver(table: Record<string, string[]>) {
  const calls: string[] = [];
  const resolve: TResolver = async (hostname) => {
    calls.push(hostname);
    const found = table[hostname];
    if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
}

async function rejection(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("parseOutboundUrl", () => {
  it.each(["ftp://example.com/x", "file:///etc/passwd", "gopher://example.com", "javascript:alert(1)"])("refuses %s", (url) => {
    expect(() => parseOutboundUrl(url)).toThrow(/Only http and https URLs are allowed/);
  });

  it("refuses credentials in the URL and malformed URLs", () => {
    expect(() => parseOutboundUrl("https://user:secret@example.com/")).toThrow(/Credentials in the URL are not allowed/);
    expect(() => parseOutboundUrl("not a url")).toThrow(/is not a valid URL/);
    expect(parseOutboundUrl("HTTPS://Example.COM/a?b=1").hostname).toBe("example.com");
  });
});

describe("classifyAddress", () => {
  it.each([
    "10.0.0.5", "172.16.3.4", "192.168.1.1", "127.0.0.1", "127.8.9.10", "169.254.10.10", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
    "::ffff:10.0.0.5", "::ffff:127.0.0.1", "64:ff9b::a00:5", "2002:a00:5::1",
  ])("%s is private", (address) => {
    expect(classifyAddress(address)).toBe("private");
  });

  it.each(["169.254.169.254", "::ffff:169.254.169.254", "fd00:ec2::254", "100.100.100.200"])("%s is cloud metadata", (address) => {
    expect(classifyAddress(address)).toBe("metadata");
  });

  it.each(["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });

  // IPv6 forms that embed an IPv4 address are judged by that address: a tunnel or translator may deliver them to it.
  it.each([
    ["::7f00:1", "private"], // IPv4-compatible 127.0.0.1
    ["::127.0.0.1", "private"],
    ["::a00:5", "private"], // IPv4-compatible 10.0.0.5
    ["::a9fe:a9fe", "metadata"], // IPv4-compatible 169.254.169.254
    ["::808:808", "public"], // IPv4-compatible 8.8.8.8
    ["::ffff:a9fe:a9fe", "metadata"], // IPv4-mapped
    ["::ffff:0:7f00:1", "private"], // IPv4-translated (RFC 6145)
    ["::ffff:0:a9fe:a9fe", "metadata"],
    ["64:ff9b::7f00:1", "private"], // NAT64 127.0.0.1
    ["64:ff9b::a9fe:a9fe", "metadata"], // NAT64 169.254.169.254
    ["64:ff9b::808:808", "public"], // NAT64 8.8.8.8
    ["64:ff9b:1::a00:5", "private"], // local-use NAT64 prefix: never public
    ["2002:7f00:1::1", "private"], // 6to4 of 127.0.0.1
    ["2002:a9fe:a9fe::1", "metadata"], // 6to4 of 169.254.169.254
    ["2002:808:808::1", "public"], // 6to4 of 8.8.8.8
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "private"], // Teredo: client 127.0.0.1 (obfuscated), server 65.54.227.120
    ["2001:0:a9fe:a9fe:8000:63bf:3fff:fdd2", "metadata"], // Teredo: server 169.254.169.254 (client 192.0.2.45)
    ["2001:0:4136:e378:8000:63bf:56a9:5601", "public"], // Teredo: server 65.54.227.120, client 169.86.169.254
    ["2001:0:4136:e378:8000:63bf:5601:5601", "metadata"], // Teredo: client 169.254.169.254
  ])("%s is %s (judged by its embedded IPv4 address)", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it("keeps IPv6 loopback and unspecified private, and refuses an IPv4-compatible loopback URL", async () => {
    expect(classifyAddress("::1")).toBe("private");
    expect(classifyAddress("::")).toBe("private");
    const error = await rejection(checkOutboundUrl("http://[::7f00:1]:8080/", STRICT_OUTBOUND_POLICY));
    expect(error.message).toBe("Requests to private network addresses are blocked (::7f00:1). An admin can allow them in Settings.");
    const metadata = await rejection(checkOutboundUrl("http://[::a9fe:a9fe]/", ALLOW_PRIVATE));
    expect(metadata.message).toBe("Requests to cloud metadata addresses are always blocked (::a9fe:a9fe).");
  });
});

describe("matchesHostPattern", () => {
  it("matches exact hosts and subdomain wildcards, case- and trailing-dot-insensitively", () => {
    expect(matchesHostPattern("api.example.com", "api.example.com")).toBe(true);
    expect(matchesHostPattern("API.Example.com.", "api.example.com")).toBe(true);
    expect(matchesHostPattern("a.b.example.com", "*.example.com")).toBe(true);
    expect(matchesHostPattern("example.com", "*.example.com")).toBe(false);
    expect(matchesHostPattern("evilexample.com", "*.example.com")).toBe(false);
    expect(matchesHostPattern("example.com.evil.io", "example.com")).toBe(false);
  });
});

describe("checkOutboundUrl", () => {
  const dns = tableResolver({
    "api.example.com": ["93.184.216.34"],
    "internal.example.com": ["10.0.0.5"],
    "mixed.example.com": ["93.184.216.34", "192.168.0.10"],
    "metadata.example.com": ["169.254.169.254"],
    "v6.example.com": ["::ffff:127.0.0.1"],
  });

  it("passes a public host and returns the addresses it checked", async () => {
    const target = await checkOutboundUrl("https://api.example.com/v1", STRICT_OUTBOUND_POLICY, dns.resolve);
    expect(target.addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect(target.hostname).toBe("api.example.com");
  });

  it("refuses a host resolving to a private address, with the message people see", async () => {
    const error = await rejection(checkOutboundUrl("http://internal.example.com/", STRICT_OUTBOUND_POLICY, dns.resolve));
    expect(error.code).toBe("POLICY");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe("Requests to private network addresses are blocked (10.0.0.5). An admin can allow them in Settings.");
  });

  it("refuses when any address of the answer is private, and IPv4-mapped IPv6 loopback", async () => {
    expect((await rejection(checkOutboundUrl("http://mixed.example.com/", STRICT_OUTBOUND_POLICY, dns.resolve))).message).toContain("192.168.0.10");
    expect((await rejection(checkOutboundUrl("http://v6.example.com/", STRICT_OUTBOUND_POLICY, dns.resolve))).message).toContain("::ffff:127.0.0.1");
  });

  it("refuses IP literals without asking DNS, including bracketed IPv6", async () => {
    const before = dns.calls.length;
    await rejection(checkOutboundUrl("http://127.0.0.1:8080/", STRICT_OUTBOUND_POLICY, dns.resolve));
    await rejection(checkOutboundUrl("http://[::1]/", STRICT_OUTBOUND_POLICY, dns.resolve));
    await rejection(checkOutboundUrl("http://0x7f.1/", STRICT_OUTBOUND_POLICY, dns.resolve));
    expect(dns.calls.length).toBe(before);
  });

  it("resolves real names: localhost is loopback and refused", async () => {
    const error = await rejection(checkOutboundUrl("http://localhost:3000/", STRICT_OUTBOUND_POLICY));
    expect(error.message).toMatch(/Requests to private network addresses are blocked \((127\.0\.0\.1|::1)\)/);
  });

  it("lets the admin allow private networks, but never cloud metadata", async () => {
    const target = await checkOutboundUrl("http://internal.example.com/", ALLOW_PRIVATE, dns.resolve);
    expect(target.addresses[0]?.address).toBe("10.0.0.5");
    const metadata = await rejection(checkOutboundUrl("http://metadata.example.com/", ALLOW_PRIVATE, dns.resolve));
    expect(metadata.message).toBe("Requests to cloud metadata addresses are always blocked (169.254.169.254).");
    await rejection(checkOutboundUrl("http://169.254.169.254/latest/meta-data/", ALLOW_PRIVATE, dns.resolve));
  });

  it("enforces the organisation's allow-list and lets a node narrow it", async () => {
    const org: TOutboundPolicy = { allowPrivateNetworks: false, allowedHosts: ["*.example.com"] };
    await expect(checkOutboundUrl("https://api.example.com/", org, dns.resolve)).resolves.toBeTruthy();
    const outside = await rejection(checkOutboundUrl("https://api.other.io/", org, dns.resolve));
    expect(outside.message).toBe("Host api.other.io is not in the organisation's allowed hosts (Settings).");
    const narrowed = { ...org, nodeAllowedHosts: ["billing.example.com"] };
    const notListed = await rejection(checkOutboundUrl("https://api.example.com/", narrowed, dns.resolve));
    expect(notListed.message).toBe("Host api.example.com is not in this node's allowed hosts.");
  });

  it("reports an unknown host as a non-retryable network error", async () => {
    const error = await rejection(checkOutboundUrl("https://nowhere.example.com/", STRICT_OUTBOUND_POLICY, dns.resolve));
    expect(error).toMatchObject({ code: "NETWORK", isRetryable: false });
    expect(error.message).toBe("Could not resolve host nowhere.example.com (ENOTFOUND).");
  });
});

describe("connecting to the checked address only", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end("pinned"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("sends the request to the address the guard checked, without a second DNS lookup", async () => {
    // "rebind.invalid" does not exist in real DNS: the request can only succeed through the pinned address.
    const dns = tableResolver({ "rebind.invalid": ["127.0.0.1"] });
    const target = await checkOutboundUrl(`http://rebind.invalid:${port}/`, ALLOW_PRIVATE, dns.resolve);
    const res = await sendOutboundRequest({ target, method: "GET", headers: {}, signal: AbortSignal.timeout(5000) });
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    expect(res.status).toBe(200);
    expect(Buffer.concat(chunks).toString()).toBe("pinned");
    expect(dns.calls).toEqual(["rebind.invalid"]);
  });
});
