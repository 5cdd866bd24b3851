import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalEventBody, canonicalJson, hashEvent } from "./canonical";

// The definition every stored hash was computed with: JSON.stringify of a copy whose objects were rebuilt with their
// keys sorted. canonicalJson writes the same text directly; a single character of difference would break every chain.
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === "object") {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, x]) => [k, sortKeys(x)]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

function random(seed: number) {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const keys = ["a", "b", "B", "é", "z", "0", "1", "10", "2", "01", "-1", "4294967295", "4294967294", "__x", "ä", "😀", ""];
  const leaf = (): unknown => {
    const pick = Math.floor(next() * 12);
    return [null, undefined, true, false, 0, -0, 1.5e300, Number.NaN, "text \"quoted\" \n\u0000 \ud800", "", new Date(1_700_000_000_123), () => 1][pick];
  };
  const build = (depth: number): unknown => {
    if (depth > 3 || next() < 0.3) return leaf();
    if (next() < 0.4) return Array.from({ length: Math.floor(next() * 4) }, () => build(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 6) }, () => [keys[Math.floor(next() * keys.length)]!, build(depth + 1)]));
  };
  return build(0);
}

describe("canonicalJson", () => {
  it("writes exactly what the original definition wrote", () => {
    const cases: unknown[] = [
      { b: 1, a: [3, { d: undefined, c: null }], "10": "x", "2": "y", z: new Date(0) },
      [undefined, () => 1, Symbol("s"), Number.POSITIVE_INFINITY],
      "plain",
      42,
      null,
      { nested: { deeper: { deepest: [1, "2", { y: 1, x: 2 }] } } },
      Buffer.from("hi"),
      new Map([["a", 1]]),
    ];
    for (let seed = 1; seed <= 500; seed++) cases.push(random(seed));
    for (const value of cases) expect(canonicalJson(value)).toBe(reference(value));
  });

  it("hashes an event as sha256(prevHash + canonical JSON)", () => {
    const event = {
      id: "e1",
      chain: 3,
      occurredAt: new Date("2026-01-02T03:04:05.678Z"),
      actorType: "worker",
      actorId: null,
      actorLabel: "engine",
      action: "step.succeeded",
      resourceType: "step",
      resourceId: "st_1",
      teamId: "t1",
      data: { runId: "r1", attempt: 1 },
    };
    const body = canonicalEventBody(event);
    expect(body).toBe(reference({ ...event, occurredAt: "2026-01-02T03:04:05.678Z" }));
    expect(hashEvent("0".repeat(64), event)).toBe(createHash("sha256").update("0".repeat(64) + body).digest("hex"));
  });
});
