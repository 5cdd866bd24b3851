import { describe, expect, it } from "vitest";
import { NodeError } from "../node-error";
import { stepContext } from "../ai-llm/test-context";
import { ZSentimentConfig, definition } from "./definition";
import { execute } from "./execute";

const run = (raw: Record<string, unknown>, body: unknown) =>
  execute(stepContext(ZSentimentConfig.parse(raw), { teamId: "team", nodeId: "mood", trigger: { body } }));

describe("ai.sentiment", () => {
  it("labels clearly positive and negative texts, overall and per sentence, without db or network", async () => {
    const positive = await run({ input: "{{ trigger.body.text }}" }, { text: "I love this product, it is excellent!" });
    expect(positive).toMatchObject({
      kind: "done",
      output: { label: "positive", sentences: [{ label: "positive", start: 0 }] },
    });
    const negative = await run(
      { input: "{{ trigger.body.text }}" },
      { text: "Terrible support. I hate waiting and I am angry." },
    );
    expect(negative).toMatchObject({ kind: "done", output: { label: "negative" } });
    if (negative.kind !== "done") return;
    const output = negative.output as { score: number; sentences: { text: string; label: string }[] };
    expect(output.score).toBeLessThan(-0.1);
    expect(output.sentences.map((s) => s.text)).toEqual(["Terrible support.", "I hate waiting and I am angry."]);
  });

  it("honours the thresholds", async () => {
    const result = await run({ input: "It is good.", negativeThreshold: -0.9, positiveThreshold: 0.9 }, {});
    expect(result).toMatchObject({ output: { label: "neutral" } });
    expect(ZSentimentConfig.safeParse({ input: "x", negativeThreshold: 0.5, positiveThreshold: 0.2 }).success).toBe(
      false,
    );
    expect(ZSentimentConfig.parse(definition.defaults)).toEqual({
      input: "{{ trigger.body.text }}",
      negativeThreshold: -0.1,
      positiveThreshold: 0.1,
    });
  });

  it("refuses texts too long to analyse locally", async () => {
    const error = await run({ input: "{{ trigger.body.text }}" }, { text: "a ".repeat(150_000) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe("INVALID_INPUT");
  });
});
