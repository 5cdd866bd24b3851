import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { startLlmStub, type TLlmStub } from "@/test/llm-stub";
import { createModelFixtures, type TModelFixtures } from "../../gateway/test-fixtures";
import { createRedis, type TRedis } from "../../redis/client";
import { NodeError } from "../node-error";
import { stepContext } from "../ai-llm/test-context";
import { ZClassifierConfig, definition } from "./definition";
import { execute } from "./execute";

let t: TTestDb;
let redis: TRedis;
let stub: TLlmStub;
let f: TModelFixtures;

beforeAll(async () => {
  [t, stub] = await Promise.all([createTestDatabase("aiclassify"), startLlmStub()]);
  redis = createRedis();
  f = await createModelFixtures(t.db, { primaryUrl: stub.baseUrl, backupUrl: stub.baseUrl });
});
afterAll(async () => {
  await stub?.close();
  redis?.disconnect();
  await t?.drop();
});
afterEach(() => stub.reset());

const LABELS = [
  { id: "billing", description: "Invoices, payments, refunds and charges" },
  { id: "technical", description: "Errors, crashes, bugs and login problems" },
  { id: "account", description: "Changing the account email, password or profile" },
];

const run = (raw: Record<string, unknown>, text: string, attempt = 1) =>
  execute(
    stepContext(ZClassifierConfig.parse({ labels: LABELS, input: "{{ trigger.body.text }}", ...raw }), {
      db: t.db,
      redis,
      teamId: f.teamId,
      trigger: { body: { text } },
      attempt,
    }),
  );

describe("ai.classifier definition", () => {
  it("has one output handle per label plus fallback, and validates labels", () => {
    const config = ZClassifierConfig.parse({ labels: LABELS, mode: "local", input: "x" });
    expect(definition.outputs(config).map((p) => p.id)).toEqual(["billing", "technical", "account", "fallback"]);
    expect(ZClassifierConfig.safeParse({ labels: [LABELS[0]], mode: "local", input: "x" }).success).toBe(false);
    expect(ZClassifierConfig.safeParse({ labels: [LABELS[0], LABELS[0]], mode: "local", input: "x" }).success).toBe(
      false,
    );
    expect(
      ZClassifierConfig.safeParse({ labels: [LABELS[0], { id: "fallback" }], mode: "local", input: "x" }).success,
    ).toBe(false);
    expect(ZClassifierConfig.safeParse({ labels: LABELS, mode: "llm", input: "x" }).success).toBe(false);
    expect(ZClassifierConfig.safeParse(definition.defaults).success).toBe(true);
  });
});

describe("ai.classifier, local mode", () => {
  it("fires the matching label's handle with a transparent score", async () => {
    const result = await run({ mode: "local" }, "I was charged twice, please refund the invoice.");
    expect(result).toMatchObject({
      kind: "done",
      handles: ["billing"],
      output: { label: "billing", confidence: 1, reason: expect.stringContaining('"refunds"') },
    });
    expect(stub.calls).toHaveLength(0);
    expect(await run({ mode: "local" }, "The app crashes with an error.")).toMatchObject({ handles: ["technical"] });
  });

  it("fires fallback when nothing matches or the confidence is too low", async () => {
    expect(await run({ mode: "local" }, "What a lovely day.")).toMatchObject({
      handles: ["fallback"],
      output: { label: "fallback", confidence: 0 },
    });
    const low = await run({ mode: "local", minConfidence: 0.8 }, "I cannot login to pay my invoice.");
    expect(low).toMatchObject({
      handles: ["fallback"],
      output: { label: "fallback", confidence: 0.5, reason: expect.stringMatching(/below the minimum of 0.8/) },
    });
  });
});

describe("ai.classifier, LLM mode", () => {
  it("asks for structured output restricted to the labels and fires the answer's handle", async () => {
    stub.setHandler(() => ({
      content: '{"label":"account","confidence":0.92,"reason":"Wants a new email."}',
      usage: { prompt_tokens: 100, completion_tokens: 20 },
    }));
    const result = await run(
      { model: { kind: "model", modelId: f.primaryModelId } },
      "Please change my email address.",
    );
    expect(result).toMatchObject({
      kind: "done",
      handles: ["account"],
      output: { label: "account", confidence: 0.92, reason: "Wants a new email." },
      usage: { tokensIn: 100, tokensOut: 20, costUsd: "0.00045000" },
    });
    const body = stub.calls[0]?.body as {
      temperature: number;
      messages: { role: string; content: string }[];
      response_format: { json_schema: { schema: { properties: { label: { enum: string[] } } } } };
    };
    expect(body.temperature).toBe(0);
    expect(body.response_format.json_schema.schema.properties.label.enum).toEqual(["billing", "technical", "account"]);
    expect(body.messages[0]?.content).toContain("- billing: Invoices, payments, refunds and charges");
    expect(body.messages[1]).toEqual({ role: "user", content: "Please change my email address." });
  });

  it("routes low-confidence answers to fallback and refuses labels outside the list", async () => {
    stub.setHandler(() => ({ content: '{"label":"billing","confidence":0.3,"reason":"Unsure."}' }));
    expect(
      await run({ model: { kind: "model", modelId: f.primaryModelId }, minConfidence: 0.5 }, "Hmm."),
    ).toMatchObject({ handles: ["fallback"] });
    stub.setHandler(() => ({ content: '{"label":"sales","confidence":0.9,"reason":"Buying."}' }));
    const error = await run({ model: { kind: "model", modelId: f.primaryModelId } }, "I want to buy.").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe("INVALID_OUTPUT");
    expect((error as NodeError).message).toContain(
      '$.label: must be one of "billing", "technical", "account", got "sales"',
    );
  });

  it("classifies on the Sandbox through a route", async () => {
    const result = await run(
      { model: { kind: "route", routeName: f.sandboxRoute } },
      "I was charged twice and need a refund for my invoice.",
    );
    expect(result).toMatchObject({
      kind: "done",
      handles: ["billing"],
      output: { label: "billing" },
      usage: { model: "sandbox-fast" },
    });
  });
});
