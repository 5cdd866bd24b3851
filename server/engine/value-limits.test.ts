import { describe, expect, it } from "vitest";
import { NodeError } from "../nodes/node-error";
import { assertStorableValue, formatBytes, toJsonSafe, toStorableValue } from "./value-limits";

function failure(run: () => unknown): NodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof NodeError) return error;
    throw error;
  }
  throw new Error("expected a NodeError");
}

describe("assertStorableValue", () => {
  it("accepts JSON within the limit and returns its size in bytes", () => {
    expect(assertStorableValue({ a: [1, "é", null, true] }, { what: "output", nodeId: "fetch" })).toBe(
      Buffer.byteLength('{"a":[1,"é",null,true]}'),
    );
    expect(assertStorableValue(undefined, { what: "output", nodeId: "fetch" })).toBe(4);
  });

  it("fails a step whose output is above the cap, saying by how much", () => {
    const big = { body: "x".repeat(1.3 * 1024 * 1024) };
    const error = failure(() => assertStorableValue(big, { what: "output", nodeId: "fetch" }));
    expect(error.message).toBe('Output of node "fetch" is 1.3 MB, above the 256 KB limit for a step');
    expect(error.code).toBe("INVALID_OUTPUT");
    expect(error.isRetryable).toBe(false);
    const input = failure(() =>
      assertStorableValue("x".repeat(2000), { what: "input", nodeId: "llm", maxBytes: 1024 }),
    );
    expect(input.message).toBe('Input of node "llm" is 2 KB, above the 1 KB limit for a step');
    expect(input.code).toBe("INVALID_INPUT");
  });

  it("rejects values that are not JSON, with where they are", () => {
    const cases: [unknown, string][] = [
      [{ items: [{ cb: () => 1 }] }, "a function at output.items[0].cb"],
      [{ n: 10n }, "a BigInt (convert it to a string or a number) at output.n"],
      [{ "odd key": Number.NaN }, 'the number NaN at output["odd key"]'],
      [{ when: new Date(0) }, "a Date (convert it to an ISO string) at output.when"],
      [{ seen: new Map() }, "a Map object at output.seen"],
      [Symbol("s"), "a symbol at output"],
    ];
    for (const [value, where] of cases) {
      const error = failure(() => assertStorableValue(value, { what: "output", nodeId: "code" }));
      expect(error.message).toBe(`Output of node "code" is not JSON: ${where}`);
    }
  });

  it("tells a circular reference from a shared one", () => {
    const shared = { x: 1 };
    expect(assertStorableValue({ a: shared, b: [shared] }, { what: "output", nodeId: "n" })).toBeGreaterThan(0);
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = { back: loop };
    expect(failure(() => assertStorableValue(loop, { what: "output", nodeId: "n" })).message).toBe(
      'Output of node "n" is not JSON: a circular reference at output.self.back',
    );
  });

  it("refuses absurd nesting before anything recurses too deep", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    expect(failure(() => assertStorableValue(deep, { what: "output", nodeId: "n" })).message).toMatch(
      /is not JSON: nesting deeper than 200 levels at output\[0\]/,
    );
  });
});

describe("toJsonSafe and toStorableValue", () => {
  it("turns Dates into ISO strings and drops undefined", () => {
    const value = {
      at: new Date("2026-01-02T03:04:05.000Z"),
      gone: undefined,
      list: [undefined, new Date(Number.NaN)],
      n: 1,
    };
    expect(toJsonSafe(value)).toEqual({ at: "2026-01-02T03:04:05.000Z", list: [null, null], n: 1 });
    expect(Object.keys(toJsonSafe(value) as object)).toEqual(["at", "list", "n"]);
  });

  it("stores undefined as null and still rejects what cannot be fixed", () => {
    expect(toStorableValue(undefined, { what: "output", nodeId: "n" })).toBeNull();
    expect(toStorableValue({ at: new Date(0) }, { what: "output", nodeId: "n" })).toEqual({
      at: "1970-01-01T00:00:00.000Z",
    });
    expect(() => toStorableValue({ f: () => 1 }, { what: "output", nodeId: "n" })).toThrow(/a function at output\.f/);
  });

  it("refuses a cycle at once, even one that doubles at every level", () => {
    const c: Record<string, unknown> = { name: "x\u0000" };
    c.a = c;
    c.b = c;
    const started = performance.now();
    expect(() => toStorableValue({ c }, { what: "output", nodeId: "n" })).toThrow(/a circular reference at output\.c\.a/);
    expect(performance.now() - started).toBeLessThan(1000);
    const list: unknown[] = [1];
    list.push(list, list);
    expect(() => toStorableValue(list, { what: "output", nodeId: "n" })).toThrow(/a circular reference at output\[1\]/);
  });

  it("formats sizes the way people read them", () => {
    expect([
      formatBytes(812),
      formatBytes(256 * 1024),
      formatBytes(1.3 * 1024 * 1024),
      formatBytes(300 * 1024 * 1024),
    ]).toEqual(["812 bytes", "256 KB", "1.3 MB", "300 MB"]);
  });
});
