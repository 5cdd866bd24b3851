import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isIbanValid, isLuhnValid } from "./checksums";
import { isHighEntropyToken, isIpv6, MIN_ENTROPY_TOKEN_LENGTH } from "./detectors";
import { detectPii } from "./scan";
import type { TPiiType } from "./types";

const found = (text: string, types?: TPiiType[]): [TPiiType, string][] =>
  detectPii(text, types).map((d) => [d.type, d.value]);

describe("PII detectors", () => {
  it("email", () => {
    expect(found("mail jane.doe@example.com, or x+tag@mail.co.uk.")).toEqual([
      ["email", "jane.doe@example.com"],
      ["email", "x+tag@mail.co.uk"],
    ]);
    expect(found("not an address: a@b, @example.com, user@localhost")).toEqual([]);
  });

  it("phone: international and North American formats, not bare digit runs, dates or card groups", () => {
    expect(found("+1 415 555 0132; +44 20 7946 0958; +49 (0)30 1234567; +33.1.23.45.67.89", ["phone"])).toEqual([
      ["phone", "+1 415 555 0132"],
      ["phone", "+44 20 7946 0958"],
      ["phone", "+49 (0)30 1234567"],
      ["phone", "+33.1.23.45.67.89"],
    ]);
    expect(found("(415) 555-0132, 415-555-0132, 415.555.0132, 1 415 555 0132", ["phone"])).toEqual([
      ["phone", "(415) 555-0132"],
      ["phone", "415-555-0132"],
      ["phone", "415.555.0132"],
      ["phone", "1 415 555 0132"],
    ]);
    expect(found("id 4155550132, date 2024-01-15, card 4111 1111 1111 1111, +1234567 short", ["phone"])).toEqual([]);
    expect(found("area 123-555-0132 starts with 1", ["phone"])).toEqual([]);
  });

  it("payment card: 13–19 digits, spaces or dashes, Luhn-valid only, not inside a longer run", () => {
    expect(found("4111 1111 1111 1111 / 4111-1111-1111-1111 / 5555555555554444 / 378282246310005")).toEqual([
      ["card", "4111 1111 1111 1111"],
      ["card", "4111-1111-1111-1111"],
      ["card", "5555555555554444"],
      ["card", "378282246310005"],
    ]);
    expect(found("4111 1111 1111 1112, 41111111111111110000000, ORDER4111111111111111", ["card"])).toEqual([]);
  });

  it("IBAN: country length and mod-97 checksum", () => {
    expect(found("DE89 3704 0044 0532 0130 00, GB82WEST12345698765432 and NL91ABNA0417164300.")).toEqual([
      ["iban", "DE89 3704 0044 0532 0130 00"],
      ["iban", "GB82WEST12345698765432"],
      ["iban", "NL91ABNA0417164300"],
    ]);
    expect(found("DE89 3704 0044 0532 0130 01, DE89370400440532013000X, ZZ89370400440532013000", ["iban"])).toEqual([]);
    expect(isIbanValid("DE89370400440532013000")).toBe(true);
    expect(isIbanValid("DE8937040044053201300")).toBe(false);
  });

  it("US SSN: separated 3-2-4, never-issued numbers excluded", () => {
    expect(found("123-45-6789 and 123 45 6789", ["us_ssn"])).toEqual([
      ["us_ssn", "123-45-6789"],
      ["us_ssn", "123 45 6789"],
    ]);
    const invalid = ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000"];
    expect(found(invalid.join(", ") + " 123456789 123-45 6789", ["us_ssn"])).toEqual([]);
  });

  it("IP addresses v4 and v6", () => {
    expect(found("192.168.1.1, 10.0.0.256, 1.2.3.4.5, ::1, fe80::1ff:fe23:4567:890a, 2001:db8::192.0.2.33")).toEqual([
      ["ip_address", "192.168.1.1"],
      ["ip_address", "::1"],
      ["ip_address", "fe80::1ff:fe23:4567:890a"],
      ["ip_address", "2001:db8::192.0.2.33"],
    ]);
    expect(isIpv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334")).toBe(true);
    expect(isIpv6("12:30:45")).toBe(false);
    expect(isIpv6("1::2::3")).toBe(false);
    expect(isIpv6("1:2:3:4:5:6:7:8:9")).toBe(false);
  });

  it("secrets: known prefixes and high-entropy tokens, not hashes, UUIDs or long identifiers", () => {
    const keys = [
      "sk-proj-abcdefghijklmnopqrstuvwxyz012345",
      "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
      "xoxb-1234567890-abcdefghij",
      "AKIAIOSFODNN7EXAMPLE",
      "AIzaSyA1234567890abcdefghijklmnopqrstuv",
      "Zx8qP2mN7vL4kR9tW3yB6hJ1cF5gD0sA",
    ];
    expect(found(keys.join(" and "))).toEqual(keys.map((k) => ["secret", k]));
    const notSecrets = [
      "3f786850e387550fdab836ed7e6dc881de23001b",
      "123e4567-e89b-12d3-a456-426614174000",
      "internationalization_and_localization_frameworks",
      "getUserAccountPreferencesByIdentifier2",
    ];
    expect(found(notSecrets.join(" "), ["secret"])).toEqual([]);
    // URL paths are not secrets (their segments are words and ids); a base64 secret with slashes still is.
    expect(found("https://helpdesk.example.com/api/v2/tickets/T-251976/assign", ["secret"])).toEqual([]);
    expect(found("see /srv/app/releases/2026-12-07T10-00Z/Build42/output for logs", ["secret"])).toEqual([]);
    expect(found("key: q8Zr/Tn3Lw9XbK2vPm7YcH4jD1sGf6Ae/R0uWxE5", ["secret"])).toEqual([["secret", "q8Zr/Tn3Lw9XbK2vPm7YcH4jD1sGf6Ae/R0uWxE5"]]);
    // One character short of the minimum length.
    expect(isHighEntropyToken("Zx8qP2mN7vL4kR9tW3yB6hJ1cF5gD0sA".slice(0, MIN_ENTROPY_TOKEN_LENGTH - 1))).toBe(false);
  });

  it("overlaps: longest wins, then the more specific type, whatever the order", () => {
    // The card's digits also hold a NANP-shaped run; the longer card wins.
    expect(found("4111 1111 1111 1111")).toEqual([["card", "4111 1111 1111 1111"]]);
    // A key that is also a high-entropy token is reported once.
    expect(found("sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ12345")).toEqual([["secret", "sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ12345"]]);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const detections = detectPii(text);
        for (let i = 1; i < detections.length; i += 1) expect(detections[i]!.start).toBeGreaterThanOrEqual(detections[i - 1]!.end);
        for (const d of detections) expect(text.slice(d.start, d.end)).toBe(d.value);
      }),
    );
  });

  it("Luhn accepts every generated valid number and refuses a changed digit", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }), fc.nat(), (body, at) => {
        const digits = body.join("");
        const check = [...Array(10).keys()].find((d) => isLuhnValid(digits + d))!;
        expect(isLuhnValid(digits + check)).toBe(true);
        const i = at % (digits.length + 1);
        const full = digits + check;
        const changed = full.slice(0, i) + ((Number(full[i]) + 1) % 10) + full.slice(i + 1);
        expect(isLuhnValid(changed)).toBe(false);
      }),
    );
  });
});

// Measured on the 2-core development machine: about 10–20 ms for 100 KB of mixed prose and PII (printed below).
describe("scan time", () => {
  it("scans a 100 KB prompt in one linear pass (time printed, not asserted)", () => {
    const chunk =
      "Dear team, please refund jane.doe@example.com (card 4111 1111 1111 1111, phone +1 415 555 0132) from " +
      "192.168.10.20; IBAN DE89 3704 0044 0532 0130 00; order 2024-01-15 #4155550132 for 12.50 USD. ";
    const text = chunk.repeat(Math.ceil(100_000 / chunk.length)).slice(0, 100_000);
    detectPii(text);
    const started = performance.now();
    const detections = detectPii(text);
    const ms = performance.now() - started;
    console.info(`PII scan of ${text.length} characters: ${ms.toFixed(1)} ms, ${detections.length} detections`);
    expect(detections.length).toBeGreaterThan(2500);
  });

  it("adversarial 100 KB inputs (long runs of near-matches) stay linear (times printed, not asserted)", () => {
    const inputs: Record<string, string> = {
      "letters then digit pairs": `${"a".repeat(50_000)}${"1-".repeat(25_000)}`,
      "plus and 19 digits": "+1234567890123456789 ".repeat(5000),
      "single-digit groups": "+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 ".repeat(2700),
      "hex and colons": "a:b:c:d:e:f:1:2:3:4:5:6:7:8:9:0:".repeat(3200),
      "at signs": "x@x@x.".repeat(16_000),
      "IBAN starts": "DE89 ".repeat(20_000),
      "dotted digits": "1.2.3.4.5.6.7.8.9.".repeat(5500),
    };
    const times: string[] = [];
    for (const [name, text] of Object.entries(inputs)) {
      const started = performance.now();
      expect(detectPii(text)).toEqual([]);
      times.push(`${name} ${(performance.now() - started).toFixed(1)} ms`);
    }
    console.info(`PII scan of adversarial 100 KB inputs: ${times.join(", ")}`);
  });
});
