import { describe, expect, it } from "vitest";
import { stepContext } from "../ai-llm/test-context";
import { ZEntitiesConfig, definition } from "./definition";
import { execute } from "./execute";

const TEXT =
  "Hi, I'm reachable at +1 415-555-0132 or ana@example.com. Pay $45.20 by Friday to DE89 3704 0044 0532 0130 00; my old card 4111 1111 1111 1112 expired.";

const run = (raw: Record<string, unknown>) =>
  execute(
    stepContext(ZEntitiesConfig.parse({ input: "{{ trigger.body.text }}", ...raw }), {
      teamId: "team",
      trigger: { body: { text: TEXT } },
    }),
  );

describe("ai.entities", () => {
  it("finds entities and PII with offsets, skipping the Luhn-invalid card", async () => {
    const result = await run({});
    expect(result.kind).toBe("done");
    if (result.kind !== "done") return;
    const output = result.output as {
      entities: { type: string; value: string; start: number; end: number }[];
      hasPii: boolean;
      redactedText?: string;
    };
    expect(output.entities.map((e) => [e.type, e.value])).toEqual([
      ["phone", "+1 415-555-0132"],
      ["email", "ana@example.com"],
      ["money", "$45.20"],
      ["date", "Friday"],
      ["iban", "DE89 3704 0044 0532 0130 00"],
    ]);
    for (const e of output.entities) expect(TEXT.slice(e.start, e.end)).toBe(e.value);
    expect(output.hasPii).toBe(true);
    expect(output.redactedText).toBeUndefined();
  });

  it("redacts on request, limited to the chosen PII kinds", async () => {
    const result = await run({ redact: true, piiKinds: ["email", "iban"], entityTypes: [] });
    expect(result).toMatchObject({
      kind: "done",
      output: {
        piiCounts: { email: 1, iban: 1 },
        redactedText:
          "Hi, I'm reachable at +1 415-555-0132 or [EMAIL]. Pay $45.20 by Friday to [IBAN]; my old card 4111 1111 1111 1112 expired.",
      },
    });
  });

  it("has defaults that parse", () => {
    expect(ZEntitiesConfig.parse(definition.defaults).piiKinds).toContain("credit_card");
    expect(ZEntitiesConfig.safeParse({ input: "x", piiKinds: ["passport"] }).success).toBe(false);
  });
});
