import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SANDBOX_LABEL, ZSandboxSettings } from "./sandbox.shared";
import { SandboxProviderError, sandboxChat, sandboxComplete } from "./sandbox-provider";
import { countChatTokens, countTextTokens } from "./tokenizer";

const NO_LATENCY = { latencyMs: 0, latencyJitterMs: 0, errorRate: 0 };
const CLASSIFY_SYSTEM =
  "You are a support triage assistant. Classify the ticket into one of these labels: billing, technical, account, other. Respond with only the label.";

function chat(user: string, extra: Record<string, unknown> = {}) {
  return { model: "sandbox-fast", messages: [{ role: "user", content: user }], ...extra };
}

const RISK_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["risk", "level", "reasons", "recommendedAction", "signals", "reviewer"],
  properties: {
    risk: { type: "number", minimum: 0, maximum: 1 },
    level: { type: "string", enum: ["low", "medium", "high"] },
    reasons: { type: "array", items: { type: "string", minLength: 5 }, minItems: 1, maxItems: 3 },
    recommendedAction: { type: "string", enum: ["clear", "review", "block"] },
    isFirstTimeMerchant: { type: "boolean" },
    amountBand: { type: "integer", minimum: 1, maximum: 5 },
    signals: {
      type: "array",
      minItems: 2,
      items: {
        type: "object",
        required: ["name", "weight"],
        properties: { name: { type: "string" }, weight: { type: "number", exclusiveMinimum: 0, maximum: 1 } },
      },
    },
    reviewer: { $ref: "#/$defs/person" },
    note: { anyOf: [{ type: "string", maxLength: 40 }, { type: "null" }] },
    checkedAt: { type: "string", format: "date-time" },
    contact: { type: "string", format: "email" },
  },
  $defs: {
    person: {
      type: "object",
      required: ["name", "team"],
      properties: { name: { type: "string" }, team: { type: "string", enum: ["compliance", "fraud-ops"] } },
    },
  },
};

describe("Sandbox provider", () => {
  it("exports its display label", () => {
    expect(SANDBOX_LABEL).toBe("Sandbox (simulated)");
  });

  it("answers in the OpenAI chat.completion shape", async () => {
    const res = await sandboxChat(chat("Please summarise the incident on the payments API."), NO_LATENCY);
    expect(res).toMatchObject({
      object: "chat.completion",
      model: "sandbox-fast",
      choices: [{ index: 0, message: { role: "assistant" }, finish_reason: "stop" }],
    });
    expect(res.id).toMatch(/^chatcmpl-/);
    expect(typeof res.created).toBe("number");
    expect(res.choices[0]?.message.content).toMatch(/payments/i);
  });

  it("is deterministic: same request, same content; another request, other content", () => {
    const req = chat("Our nightly export to the warehouse failed twice with a timeout. What should we check?", {
      seed: 7,
    });
    const a = sandboxComplete(req).choices[0]?.message.content;
    const b = sandboxComplete(structuredClone(req)).choices[0]?.message.content;
    const c = sandboxComplete({ ...req, seed: 8 }).choices[0]?.message.content;
    const d = sandboxComplete(chat("Something entirely different about invoices and refunds.")).choices[0]?.message
      .content;
    expect(a).toBe(b);
    expect([c, d]).not.toContain(undefined);
    expect(new Set([a, c, d]).size).toBeGreaterThan(1);
  });

  it("picks a listed label for classification prompts, guided by the text", () => {
    const classify = (text: string) =>
      sandboxComplete({
        model: "sandbox-fast",
        messages: [
          { role: "system", content: CLASSIFY_SYSTEM },
          { role: "user", content: text },
        ],
      }).choices[0]?.message.content;
    expect(classify("I was charged twice for my subscription and want a refund.")).toBe("billing");
    expect(classify("The app crashes with an error every time I open it.")).toBe("technical");
    expect(classify("I can't log in, my password reset email never arrives.")).toBe("account");
    expect(["billing", "technical", "account", "other"]).toContain(classify("Hello there."));
  });

  it("produces JSON that conforms to a requested JSON schema", () => {
    const validator = z.fromJSONSchema(RISK_SCHEMA as Parameters<typeof z.fromJSONSchema>[0]);
    for (const amount of [12, 4200, 99_000, 7]) {
      const res = sandboxComplete(
        chat(`Score this transaction: ${amount} EUR at Electro World, new device, billing country mismatch.`, {
          model: "sandbox-smart",
          response_format: {
            type: "json_schema",
            json_schema: { name: "risk_assessment", schema: RISK_SCHEMA, strict: true },
          },
        }),
      );
      const parsed: unknown = JSON.parse(res.choices[0]?.message.content ?? "");
      expect(validator.safeParse(parsed).success).toBe(true);
      expect(parsed).toMatchObject({ risk: expect.any(Number), reviewer: { name: expect.any(String) } });
    }
  });

  it("produces a JSON object in json_object mode", () => {
    const res = sandboxComplete({
      ...chat("I love the new dashboard, thanks!"),
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: "Return the sentiment as JSON." },
        { role: "user", content: "I love the new dashboard, thanks!" },
      ],
    });
    expect(JSON.parse(res.choices[0]?.message.content ?? "")).toMatchObject({ label: "positive" });
  });

  it("reports usage counted with the real tokenizer", () => {
    const messages = [
      { role: "system", content: "You are concise." },
      { role: "user", content: "Explain what a circuit breaker does in a distributed system.", name: "dana" },
    ];
    const res = sandboxComplete({ model: "sandbox-smart", messages });
    const content = res.choices[0]?.message.content ?? "";
    expect(res.usage.prompt_tokens).toBe(countChatTokens(messages, "sandbox-smart"));
    // 3 reply-priming tokens + 2 × 3 framing + 1 for the name + the text of roles, contents and name.
    const texts = [
      "system",
      "You are concise.",
      "user",
      "Explain what a circuit breaker does in a distributed system.",
      "dana",
    ];
    expect(res.usage.prompt_tokens).toBe(3 + 6 + 1 + texts.reduce((n, t) => n + countTextTokens(t), 0));
    expect(res.usage.completion_tokens).toBe(countTextTokens(content, "sandbox-smart"));
    expect(res.usage.total_tokens).toBe(res.usage.prompt_tokens + res.usage.completion_tokens);
  });

  it("truncates to max_tokens with finish_reason length, as a prefix of the full answer", () => {
    const req = chat("Write a summary of the quarterly incident review covering outages, causes and follow-ups.");
    const full = sandboxComplete(req).choices[0]?.message.content ?? "";
    const cut = sandboxComplete({ ...req, max_tokens: 5 });
    expect(cut.choices[0]?.finish_reason).toBe("length");
    expect(cut.usage.completion_tokens).toBe(5);
    expect(full.startsWith(cut.choices[0]?.message.content ?? "?")).toBe(true);
    expect(sandboxComplete({ ...req, max_tokens: 4000 }).choices[0]?.finish_reason).toBe("stop");
  });

  it("rejects a malformed request with a 400 in OpenAI's error shape", async () => {
    const error = await sandboxChat({ model: "sandbox-fast", messages: [] }, NO_LATENCY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxProviderError);
    expect((error as SandboxProviderError).status).toBe(400);
    expect((error as SandboxProviderError).body.error).toMatchObject({
      type: "invalid_request_error",
      param: "messages",
    });
  });

  it("never fails at errorRate 0 and always fails at errorRate 1 with the configured status", async () => {
    for (let i = 0; i < 25; i++)
      await expect(sandboxChat(chat(`ping ${i}`), { ...NO_LATENCY, errorRate: 0 })).resolves.toBeTruthy();
    for (const status of [429, 500, 503]) {
      const error = await sandboxChat(chat("ping"), { ...NO_LATENCY, errorRate: 1, errorStatus: status }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SandboxProviderError);
      expect((error as SandboxProviderError).status).toBe(status);
      expect((error as SandboxProviderError).isRetryable).toBe(true);
      expect((error as SandboxProviderError).body.error.message).toMatch(/simulated/i);
    }
    const limited = await sandboxChat(chat("x"), { ...NO_LATENCY, errorRate: 1, errorStatus: 429 }).catch(
      (e: unknown) => e,
    );
    expect((limited as SandboxProviderError).body.error.code).toBe("rate_limit_exceeded");
  });

  it("fails a stable share of requests at a partial errorRate, or follows a supplied random function", async () => {
    const settings = { ...NO_LATENCY, errorRate: 0.3 };
    const outcome = (i: number) =>
      sandboxChat(chat(`request ${i}`, { seed: 1 }), settings).then(
        () => "ok",
        () => "fail",
      );
    const first = await Promise.all(Array.from({ length: 200 }, (_, i) => outcome(i)));
    const second = await Promise.all(Array.from({ length: 200 }, (_, i) => outcome(i)));
    expect(second).toEqual(first);
    const failures = first.filter((o) => o === "fail").length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
    await expect(sandboxChat(chat("r"), settings, { random: () => 0.29 })).rejects.toBeInstanceOf(SandboxProviderError);
    await expect(sandboxChat(chat("r"), settings, { random: () => 0.31 })).resolves.toBeTruthy();
  });

  it("honours latency and can be aborted", async () => {
    const started = performance.now();
    await sandboxChat(chat("slow"), { latencyMs: 120, latencyJitterMs: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);

    const controller = new AbortController();
    const t0 = performance.now();
    setTimeout(() => controller.abort(), 20);
    const error = await sandboxChat(chat("slower"), { latencyMs: 5000 }, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe("AbortError");
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(sandboxChat(chat("x"), NO_LATENCY, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("validates settings with defaults", () => {
    expect(ZSandboxSettings.parse({})).toEqual({ latencyMs: 250, latencyJitterMs: 0, errorRate: 0, errorStatus: 503 });
    expect(ZSandboxSettings.safeParse({ errorRate: 2 }).success).toBe(false);
    expect(ZSandboxSettings.safeParse({ errorStatus: 404 }).success).toBe(false);
  });
});
