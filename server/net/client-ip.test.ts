import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "../config/env";
import { clientAddressFromHeaders } from "./client-ip";
import { PEER_TOKEN_ENV } from "./peer-address.mjs";
import { addressBucket, parseAddress, parseTrustedProxies, resolveClientAddress, UNKNOWN_CLIENT } from "./trusted-proxies";

const trust = (value: string) => {
  const { ranges, invalid } = parseTrustedProxies(value);
  expect(invalid).toEqual([]);
  return ranges;
};

describe("parseAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["::ffff:c633:6404", "198.51.100.4"],
    ["fe80::1%eth0", "fe80::1"],
  ])("reads %s as %s", (raw, expected) => {
    expect(parseAddress(raw)?.toString()).toBe(expected);
  });

  it.each(["", "unknown", "1.2.3", "0x7f.0.0.1", "256.1.1.1", "1.2.3.4.5", "::g", "[::1", "1.2.3.4:port", "_hidden", "1.2.3.4/8"])(
    "refuses %j",
    (raw) => expect(parseAddress(raw)).toBeNull(),
  );
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDR ranges separated by commas or spaces", () => {
    const { ranges, invalid } = parseTrustedProxies("10.0.0.0/8, 127.0.0.1 ::1,fd00::/8");
    expect(invalid).toEqual([]);
    expect(ranges.map(([a, bits]) => `${a.toString()}/${bits}`)).toEqual(["10.0.0.0/8", "127.0.0.1/32", "::1/128", "fd00::/8"]);
  });

  it("lists the entries it cannot read", () => {
    expect(parseTrustedProxies("10.0.0.0/33, nginx, 10.0.0.1/x, ::/129, 1.2.3.4").invalid).toEqual([
      "10.0.0.0/33",
      "nginx",
      "10.0.0.1/x",
      "::/129",
    ]);
  });

  it("is empty by default", () => {
    expect(parseTrustedProxies("")).toEqual({ ranges: [], invalid: [] });
  });
});

describe("resolveClientAddress (right-to-left walk)", () => {
  it("trusts no forwarded header when no proxy is trusted", () => {
    expect(resolveClientAddress("192.0.2.10", "198.51.100.1", [])).toBe("192.0.2.10");
    expect(resolveClientAddress("::ffff:127.0.0.1", "198.51.100.1, 198.51.100.2", [])).toBe("127.0.0.1");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("192.0.2.10", "198.51.100.1", trust("10.0.0.0/8"))).toBe("192.0.2.10");
  });

  it("takes the address the trusted proxy recorded (the rightmost entry), not what the client prepended", () => {
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 203.0.113.9", trust("10.0.0.0/8"))).toBe("203.0.113.9");
  });

  it("walks through a chain of trusted proxies and stops at the first untrusted hop", () => {
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 203.0.113.9, 10.0.0.7, 10.1.2.3", trust("10.0.0.0/8"))).toBe("203.0.113.9");
  });

  it("returns the leftmost entry when every hop is trusted", () => {
    expect(resolveClientAddress("10.0.0.5", "10.0.0.9, 10.0.0.8", trust("10.0.0.0/8"))).toBe("10.0.0.9");
  });

  it("uses the peer when a trusted proxy sent no X-Forwarded-For", () => {
    expect(resolveClientAddress("10.0.0.5", undefined, trust("10.0.0.0/8"))).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", " , ", trust("10.0.0.0/8"))).toBe("10.0.0.5");
  });

  it("handles IPv6 peers, IPv6 entries and ranges", () => {
    expect(resolveClientAddress("fd00::2", "2001:db8::42", trust("fd00::/8"))).toBe("2001:db8::42");
    expect(resolveClientAddress("2001:db8::99", "203.0.113.1", trust("fd00::/8"))).toBe("2001:db8::99");
    expect(resolveClientAddress("::1", "[2001:db8::7]:5555", trust("::1"))).toBe("2001:db8::7");
  });

  it("treats IPv4-mapped IPv6 as the IPv4 address, for the peer, the entries and the match", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", "::ffff:203.0.113.5", trust("127.0.0.1"))).toBe("203.0.113.5");
    expect(resolveClientAddress("::ffff:10.0.0.1", "203.0.113.5", trust("10.0.0.0/8"))).toBe("203.0.113.5");
  });

  it("stops at the nearest trusted hop when an entry is malformed", () => {
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9, unknown", trust("10.0.0.0/8"))).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9, 10.0.0.6, 1.2.3", trust("10.0.0.0/8"))).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "junk, 203.0.113.9", trust("10.0.0.0/8"))).toBe("203.0.113.9");
  });

  it("returns 'unknown' for an unreadable peer", () => {
    expect(resolveClientAddress("", "203.0.113.9", trust("10.0.0.0/8"))).toBe(UNKNOWN_CLIENT);
  });
});

describe("clientAddressFromHeaders", () => {
  const token = "t".repeat(43);
  afterEach(() => vi.unstubAllEnvs());

  it("reads the stamped peer from a Headers object or a plain record", () => {
    vi.stubEnv(PEER_TOKEN_ENV, token);
    const trusted = trust("127.0.0.1");
    const headers = new Headers({ "x-baton-peer-address": `${token} 127.0.0.1`, "x-forwarded-for": "203.0.113.4" });
    expect(clientAddressFromHeaders(headers, trusted)).toBe("203.0.113.4");
    expect(clientAddressFromHeaders({ "x-baton-peer-address": `${token} 192.0.2.1`, "x-forwarded-for": "203.0.113.4" }, trusted)).toBe("192.0.2.1");
  });

  it("never falls back to client-written headers when the peer is missing", () => {
    vi.stubEnv(PEER_TOKEN_ENV, token);
    expect(clientAddressFromHeaders({ "x-forwarded-for": "203.0.113.4", "x-real-ip": "203.0.113.5" }, [])).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFromHeaders(undefined, [])).toBe(UNKNOWN_CLIENT);
  });

  it("under a bare `next start` (no token in the environment) a client-written peer header counts as unknown", () => {
    vi.stubEnv(PEER_TOKEN_ENV, undefined);
    expect(clientAddressFromHeaders({ "x-baton-peer-address": "203.0.113.3" }, [])).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFromHeaders({ "x-baton-peer-address": `${token} 203.0.113.3` }, [])).toBe(UNKNOWN_CLIENT);
    vi.stubEnv(PEER_TOKEN_ENV, "");
    expect(clientAddressFromHeaders({ "x-baton-peer-address": " 203.0.113.3" }, [])).toBe(UNKNOWN_CLIENT);
  });

  it("with the token, only a value stamped with it counts", () => {
    vi.stubEnv(PEER_TOKEN_ENV, token);
    expect(clientAddressFromHeaders({ "x-baton-peer-address": `${token} 192.0.2.9` }, [])).toBe("192.0.2.9");
    expect(clientAddressFromHeaders({ "x-baton-peer-address": "192.0.2.9" }, [])).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFromHeaders({ "x-baton-peer-address": `${"u".repeat(43)} 192.0.2.9` }, [])).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFromHeaders({ "x-baton-peer-address": `${token.slice(1)} 192.0.2.9` }, [])).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFromHeaders({ "x-baton-peer-address": `${token}` }, [])).toBe(UNKNOWN_CLIENT);
  });
});

describe("addressBucket (what per-address limits key on)", () => {
  it.each([
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:0:0:0:ffff", "2001:db8:1:2::/64"],
    ["::1", "::/64"],
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    [UNKNOWN_CLIENT, UNKNOWN_CLIENT],
  ])("keys %s as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});

describe("TRUSTED_PROXIES in the configuration", () => {
  it("stops start-up with a line naming the entries it cannot read", () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, nginx" })).toThrow(/TRUSTED_PROXIES: not an IP address or CIDR range: nginx/);
  });

  it("defaults to trusting no proxy", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toBe("");
  });
});
