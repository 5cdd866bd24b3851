import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { readJsonBody } from "./read-json";
import { MAX_JSON_BODY_BYTES } from "./read-body";

const ZAny = z.record(z.string(), z.unknown());
const jsonRequest = (body: BodyInit) =>
  new Request("http://baton.test/api/x", { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
const outcome = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? `${e.status} ${e.message}` : `500 ${String(e)}`));

describe("readJsonBody counts bytes, streamed (finding 12)", () => {
  it("refuses 2.97 MB of '€' (under a million characters) with 413", async () => {
    const text = JSON.stringify({ name: "€".repeat(990_000) });
    expect(text.length).toBeLessThan(1_000_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2_900_000);
    expect(await outcome(readJsonBody(jsonRequest(text), ZAny))).toMatch(/^413 /);
  });

  it("stops pulling an endless stream just past the limit", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${"x".repeat(16 * 1024)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    expect(await outcome(readJsonBody(jsonRequest(endless), ZAny))).toMatch(/^413 /);
    expect(pulled).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 2 * chunk.byteLength);
  });

  it("still accepts a body just under the limit", async () => {
    const text = JSON.stringify({ name: "a".repeat(MAX_JSON_BODY_BYTES - 20) });
    expect(await outcome(readJsonBody(jsonRequest(text), ZAny))).toBe("OK");
  });

  it("refuses bytes that are not UTF-8 with 400 instead of replacing them", async () => {
    expect(await outcome(readJsonBody(jsonRequest(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), ZAny))).toBe(
      "400 The request body is not valid UTF-8 text.",
    );
  });
});

describe("readJsonBody refuses text that cannot be stored (finding 9)", () => {
  it("names the field holding a NUL", async () => {
    expect(await outcome(readJsonBody(jsonRequest('{"name":"a\\u0000b"}'), ZAny))).toBe("400 name: contains a NUL character (U+0000), which cannot be stored.");
  });

  it("names nested values and keys with lone surrogates", async () => {
    expect(await outcome(readJsonBody(jsonRequest('{"tags":["ok","x\\udc00"]}'), ZAny))).toBe(
      "400 tags.1: contains a lone surrogate (U+DC00), which is not valid Unicode text and cannot be stored.",
    );
    expect(await outcome(readJsonBody(jsonRequest('{"input":{"k\\u0000":1}}'), ZAny))).toMatch(/^400 input\."k\\u0000": the key contains a NUL character/);
  });

  it("accepts paired surrogates (emoji) and survives deep nesting", async () => {
    expect(await outcome(readJsonBody(jsonRequest('{"name":"ok \\ud83d\\ude00 😀"}'), ZAny))).toBe("OK");
    const deep = `{"a":${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
    expect(await outcome(readJsonBody(jsonRequest(deep), ZAny))).toMatch(/^(OK|400 )/);
  });
});
