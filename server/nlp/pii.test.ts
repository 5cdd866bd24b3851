import { describe, expect, it } from "vitest";
import { countPiiKinds, detectPii, redactPii } from "./pii";
import { isIbanValid, isLuhnValid, isUsSsn } from "./pii-checks";

const kindsAndValues = (text: string) => detectPii(text).map((m) => [m.kind, m.value]);

describe("PII checks", () => {
  it("validates Luhn, IBAN and SSN rules", () => {
    expect(isLuhnValid("4111111111111111")).toBe(true);
    expect(isLuhnValid("4111111111111112")).toBe(false);
    expect(isIbanValid("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isIbanValid("DE89 3704 0044 0532 0130 01")).toBe(false);
    expect(isIbanValid("GB82WEST12345698765432")).toBe(true);
    expect(isUsSsn("123-45-6789")).toBe(true);
    expect(isUsSsn("666-45-6789")).toBe(false);
    expect(isUsSsn("123-00-6789")).toBe(false);
  });
});

describe("detectPii", () => {
  it("finds each kind with exact offsets", () => {
    const text =
      "Mail jane.doe@example.com, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789.";
    const matches = detectPii(text);
    expect(matches.map((m) => m.kind)).toEqual(["email", "credit_card", "iban", "us_ssn"]);
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.value);
    expect(matches[0]).toEqual({ kind: "email", value: "jane.doe@example.com", start: 5, end: 25 });
    expect(matches[1]?.value).toBe("4111 1111 1111 1111");
  });

  it("does not flag a Luhn-invalid card, a bad IBAN, an unissued SSN or an ISO date", () => {
    expect(
      detectPii("Order 4111 1111 1111 1112 on 2024-03-12, ref DE89 3704 0044 0532 0130 01, id 000-12-3456"),
    ).toEqual([]);
  });

  it("finds phone numbers, IPv4 addresses and secrets", () => {
    expect(kindsAndValues("Call +1 415-555-0132 or (415) 555 0132 from 192.168.10.254")).toEqual([
      ["phone", "+1 415-555-0132"],
      ["phone", "(415) 555 0132"],
      ["ipv4", "192.168.10.254"],
    ]);
    expect(kindsAndValues("version 1.2.3.4.5 and 300.1.1.1")).toEqual([]);
    const key = "sk-proj-abcdEFGH1234ijklMNOP5678";
    expect(kindsAndValues(`export OPENAI_API_KEY=${key}`)).toEqual([["secret", key]]);
    expect(kindsAndValues('password: "Zx8#kQ2vL9pWm4rT7yB3"'.replace("#", "_"))).toEqual([
      ["secret", "Zx8_kQ2vL9pWm4rT7yB3"],
    ]);
    expect(kindsAndValues("token = aaaaaaaaaaaaaaaaaaaa")).toEqual([]);
    expect(kindsAndValues("key AKIAIOSFODNN7EXAMPLE here")).toEqual([["secret", "AKIAIOSFODNN7EXAMPLE"]]);
  });

  it("separates a card or an IBAN from numbers written right next to it", () => {
    expect(kindsAndValues("card 4111 1111 1111 1111 192.168.0.1")).toEqual([
      ["credit_card", "4111 1111 1111 1111"],
      ["ipv4", "192.168.0.1"],
    ]);
    expect(kindsAndValues("order 1234 4111 1111 1111 1111 paid")).toEqual([["credit_card", "4111 1111 1111 1111"]]);
    expect(kindsAndValues("IBAN BE68 5390 0754 7034 2024 invoice")).toEqual([["iban", "BE68 5390 0754 7034"]]);
    expect(kindsAndValues("Amex 3782 822463 10005, unspaced 5555555555554444")).toEqual([
      ["credit_card", "3782 822463 10005"],
      ["credit_card", "5555555555554444"],
    ]);
    // Luhn-valid by chance but not a card's shape or length: single-digit groups, an 18-digit "Amex".
    expect(
      detectPii("4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 and 3704 0044 0532 0130 01", { kinds: ["credit_card"] }),
    ).toEqual([]);
  });

  it("stays fast on long texts full of matches and near-matches", () => {
    const started = performance.now();
    expect(detectPii("x@y.co 4111 1111 1111 1111 10.0.0.1 ".repeat(3000))).toHaveLength(9000);
    detectPii("1 ".repeat(50_000) + "4 ".repeat(50_000) + "DE89 ".repeat(20_000) + "a@" + "a.".repeat(20_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("limits detectors to the kinds asked for", () => {
    expect(detectPii("a@b.co 192.168.0.1", { kinds: ["ipv4"] }).map((m) => m.kind)).toEqual(["ipv4"]);
  });
});

describe("redactPii", () => {
  it("replaces values with labels and reports counts", () => {
    const { text, matches } = redactPii("Card 5555 5555 5555 4444, mail bob@corp.io, again bob@corp.io.");
    expect(text).toBe("Card [CARD], mail [EMAIL], again [EMAIL].");
    expect(countPiiKinds(matches)).toEqual({ credit_card: 1, email: 2 });
  });
});
