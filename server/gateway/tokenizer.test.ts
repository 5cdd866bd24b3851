import { describe, expect, it } from "vitest";
import { countChatTokens, countTextTokens, encodingForModel, messageText, truncateToTokens } from "./tokenizer";

describe("tokenizer", () => {
  it("uses o200k_base for current OpenAI and other models, cl100k_base for older OpenAI ones", () => {
    expect(
      ["gpt-4o", "gpt-4o-mini", "gpt-4.1-nano", "o3-mini", "claude-sonnet-4-20250514", "sandbox-fast"].map(
        encodingForModel,
      ),
    ).toEqual(Array(6).fill("o200k_base"));
    expect(["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "text-embedding-3-small"].map(encodingForModel)).toEqual(
      Array(4).fill("cl100k_base"),
    );
  });

  it("counts known strings like tiktoken does", () => {
    expect(countTextTokens("hello world")).toBe(2);
    expect(countTextTokens("")).toBe(0);
    // The same text is split differently by the two vocabularies.
    expect(countTextTokens("Ünïcödé and emoji 🚀🚀", "gpt-4o")).not.toBe(
      countTextTokens("Ünïcödé and emoji 🚀🚀", "gpt-4"),
    );
  });

  it("treats special-token text from people as plain text instead of throwing", () => {
    expect(countTextTokens("before <|endoftext|> after")).toBeGreaterThan(3);
  });

  it("counts chat messages with 3 tokens per message, 1 per name and 3 to prime the reply", () => {
    const messages = [
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [{ type: "text", text: "Hi" }, { type: "image_url" }, { type: "text", text: "there" }],
        name: "ann",
      },
    ];
    const text =
      countTextTokens("system") +
      countTextTokens("Be brief.") +
      countTextTokens("user") +
      countTextTokens("Hi\nthere") +
      countTextTokens("ann");
    expect(messageText(messages[1]?.content)).toBe("Hi\nthere");
    expect(countChatTokens(messages)).toBe(3 + 3 * 2 + 1 + text);
    expect(countChatTokens([])).toBe(3);
  });

  it("truncates to a token budget", () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(5);
    const cut = truncateToTokens(text, 7);
    expect(cut).toMatchObject({ tokens: 7, isTruncated: true });
    expect(text.startsWith(cut.text)).toBe(true);
    expect(countTextTokens(cut.text)).toBe(7);
    expect(truncateToTokens("short", 50)).toEqual({ text: "short", tokens: 1, isTruncated: false });
  });
});
