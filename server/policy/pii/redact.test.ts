import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createVault, redact, restore } from "./redact";
import { redactJson, restoreJson } from "./redact-json";
import { detectPii } from "./scan";
import { PII_TYPES } from "./types";

const PII_SAMPLES = [
  "jane.doe@example.com",
  "+1 415 555 0132",
  "4111 1111 1111 1111",
  "DE89 3704 0044 0532 0130 00",
  "123-45-6789",
  "192.168.1.1",
  "2001:db8::1",
  "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
];

describe("redact / restore", () => {
  it("replaces values with stable placeholders and restores them", () => {
    const vault = createVault();
    const first = redact("Mail jane.doe@example.com, card 4111 1111 1111 1111, again jane.doe@example.com", PII_TYPES, vault);
    expect(first.text).toBe("Mail [EMAIL_1], card [CARD_1], again [EMAIL_1]");
    const second = redact("From bob@example.org to jane.doe@example.com", PII_TYPES, vault);
    expect(second.text).toBe("From [EMAIL_2] to [EMAIL_1]");
    expect(restore("The model says: write to [EMAIL_1] about [CARD_1]; [EMAIL_9] is unknown", vault)).toBe(
      "The model says: write to jane.doe@example.com about 4111 1111 1111 1111; [EMAIL_9] is unknown",
    );
    expect(JSON.parse(JSON.stringify(vault))).toEqual(vault);
  });

  it("redacts only the requested types", () => {
    const r = redact("jane.doe@example.com 4111 1111 1111 1111", ["card"], createVault());
    expect(r.text).toBe("jane.doe@example.com [CARD_1]");
  });

  it("a placeholder-shaped text in the input is not taken over", () => {
    const vault = createVault();
    const text = "literal [EMAIL_1] and jane.doe@example.com";
    const r = redact(text, PII_TYPES, vault);
    expect(r.text).toBe("literal [EMAIL_1] and [EMAIL_2]");
    expect(restore(r.text, vault)).toBe(text);
  });

  it("a restored value is not read again", () => {
    const vault = createVault();
    vault.entries["[EMAIL_1]"] = { type: "email", value: "[CARD_1]" };
    vault.entries["[CARD_1]"] = { type: "card", value: "4111 1111 1111 1111" };
    expect(restore("[EMAIL_1]", vault)).toBe("[CARD_1]");
  });

  it("property: restore(redact(x)) === x, and no detected or injected value is left in the redacted text", () => {
    const filler = fc.string({ unit: fc.constantFrom(..."abc XYZ,;!é\n"), maxLength: 30 });
    const withPii = fc
      .array(fc.tuple(filler, fc.constantFrom(...PII_SAMPLES)), { maxLength: 6 })
      .chain((parts) => filler.map((tail) => parts.map(([f, pii]) => `${f} ${pii} `).join("") + tail));
    fc.assert(
      fc.property(withPii, (text) => {
        const vault = createVault();
        const r = redact(text, PII_TYPES, vault);
        expect(restore(r.text, vault)).toBe(text);
        for (const d of detectPii(text)) expect(r.text).not.toContain(d.value);
        for (const pii of PII_SAMPLES) expect(r.text).not.toContain(pii);
      }),
    );
  });

  it("property: restore(redact(x)) === x for arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom(...PII_SAMPLES), (text, pii) => {
        const vault = createVault();
        const input = `${text} ${pii} ${text}`;
        expect(restore(redact(input, PII_TYPES, vault).text, vault)).toBe(input);
      }),
    );
  });
});

describe("redactJson / restoreJson", () => {
  it("redacts strings inside objects and arrays, leaves keys and other values, names the paths", () => {
    const vault = createVault();
    const value = {
      "jane.doe@example.com": "key stays",
      messages: [{ role: "user", content: "card 4111 1111 1111 1111 for jane.doe@example.com" }],
      amount: 12.5,
      isPaid: false,
      none: null,
    };
    const r = redactJson(value, PII_TYPES, vault);
    expect(r.value).toEqual({
      "jane.doe@example.com": "key stays",
      messages: [{ role: "user", content: "card [CARD_1] for [EMAIL_1]" }],
      amount: 12.5,
      isPaid: false,
      none: null,
    });
    expect(r.detections.map((d) => [d.path, d.type])).toEqual([
      ["$.messages[0].content", "card"],
      ["$.messages[0].content", "email"],
    ]);
    expect(restoreJson(r.value, vault)).toEqual(value);
  });

  it("an unchanged value is returned as the same object", () => {
    const value = { a: ["no pii here", { b: 1 }] };
    expect(redactJson(value, PII_TYPES, createVault()).value).toBe(value);
  });

  it("property: restoreJson(redactJson(x)) deep-equals x for JSON values with injected PII", () => {
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...PII_SAMPLES).map((p) => `see ${p} now`));
    fc.assert(
      fc.property(fc.jsonValue().chain((v) => fc.array(leaf, { maxLength: 5 }).map((xs) => ({ v, xs }))), (value) => {
        const vault = createVault();
        const r = redactJson(value, PII_TYPES, vault);
        expect(restoreJson(r.value, vault)).toEqual(value);
        for (const pii of PII_SAMPLES) expect(JSON.stringify(r.value)).not.toContain(JSON.stringify(pii).slice(1, -1));
      }),
    );
  });
});
