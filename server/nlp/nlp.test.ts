import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities";
import { DEFAULT_NLP_ENTITY_TYPES } from "./entity-types.shared";
import { classifyByKeywords } from "./keyword-classifier";
import { PII_KINDS } from "./pii";
import { analyseSentiment, sentimentLabel } from "./sentiment";
import { analyseText } from "./wink";

describe("analyseText", () => {
  it("gives character offsets that point back into the text", async () => {
    const text = "  Hello\n\nworld!  Don't stop.\tBye";
    const { tokens, sentences } = await analyseText(text);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.value);
    expect(sentences.map((s) => s.text)).toEqual(["Hello", "world!", "Don't stop.", "Bye"]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("sentiment", () => {
  it("scores clearly positive and negative sentences, per text and per sentence", async () => {
    const result = await analyseSentiment("The staff were wonderful and kind. Absolutely terrible service, I hate it.");
    expect(result.sentences.map((s) => s.label)).toEqual(["positive", "negative"]);
    expect(result.sentences[0]?.score).toBeGreaterThan(0.5);
    expect(result.sentences[1]?.score).toBeLessThan(-0.5);
    expect(result.sentences[1]).toMatchObject({ text: "Absolutely terrible service, I hate it.", start: 35, end: 74 });
    expect((await analyseSentiment("I love this product, it is excellent!")).label).toBe("positive");
    expect((await analyseSentiment("This is awful. I am very disappointed and angry.")).label).toBe("negative");
    expect((await analyseSentiment("The package arrived on Tuesday.")).label).toBe("neutral");
    expect(await analyseSentiment("   ")).toEqual({ score: 0, label: "neutral", sentences: [] });
  });

  it("applies configurable thresholds", () => {
    expect(sentimentLabel(0.3, { negative: -0.5, positive: 0.5 })).toBe("neutral");
    expect(sentimentLabel(-0.5, { negative: -0.5, positive: 0.5 })).toBe("negative");
  });
});

describe("extractEntities", () => {
  const options = { entityTypes: DEFAULT_NLP_ENTITY_TYPES, piiKinds: PII_KINDS, isRedacting: true };

  it("merges model entities with validated PII and redacts the PII", async () => {
    const text =
      "Meet next Monday at 10:30 am. Pay USD 200 to card 4111 1111 1111 1111, mail jo@example.org, see https://x.io #deal";
    const result = await extractEntities(text, options);
    expect(result.entities.map((e) => [e.type, e.value, e.source])).toEqual([
      ["date", "next Monday", "nlp"],
      ["time", "10:30 am", "nlp"],
      ["money", "USD 200", "nlp"],
      ["credit_card", "4111 1111 1111 1111", "pii"],
      ["email", "jo@example.org", "pii"],
      ["url", "https://x.io", "nlp"],
      ["hashtag", "#deal", "nlp"],
    ]);
    for (const e of result.entities) expect(text.slice(e.start, e.end)).toBe(e.value);
    expect(result).toMatchObject({ hasPii: true, piiCounts: { credit_card: 1, email: 1 } });
    expect(result.redactedText).toBe(
      "Meet next Monday at 10:30 am. Pay USD 200 to card [CARD], mail [EMAIL], see https://x.io #deal",
    );
  });

  it("does not flag a Luhn-invalid card", async () => {
    const result = await extractEntities("Order number 4111 1111 1111 1112 shipped.", { ...options, entityTypes: [] });
    expect(result).toEqual({
      entities: [],
      hasPii: false,
      piiCounts: {},
      redactedText: "Order number 4111 1111 1111 1112 shipped.",
    });
  });
});

describe("classifyByKeywords", () => {
  const labels = [
    { id: "billing", description: "Invoices, payments, refunds and charges" },
    { id: "technical", description: "Errors, crashes, bugs and login problems" },
    { id: "account", description: "Changing the account email, password or profile" },
  ];

  it("picks the label whose vocabulary the text uses, and explains it", async () => {
    const result = await classifyByKeywords("I was charged twice and want a refund for the invoice.", labels);
    expect(result.label).toBe("billing");
    expect(result.reason).toBe('Matched "invoices", "refunds", "charges" for billing.');
    expect(result.confidence).toBe(1);
    expect((await classifyByKeywords("The app crashes with an error after login.", labels)).label).toBe("technical");
  });

  it("splits confidence when evidence is shared, and returns no label without evidence", async () => {
    const mixed = await classifyByKeywords("I cannot login to pay my invoice.", labels);
    expect(mixed.label).toBe("billing");
    expect(mixed.confidence).toBe(0.5);
    expect(await classifyByKeywords("What a lovely day.", labels)).toMatchObject({ label: null, confidence: 0 });
  });
});
