import { describe, expect, it } from "vitest";
import { flushPayload } from "./writer-sql";

describe("flushPayload", () => {
  it("never hands jsonb a NUL or a lone surrogate, even from a value that skipped the engine's boundary", () => {
    const text = flushPayload({
      runId: "r1",
      teamId: "t1",
      creates: [],
      updates: [["s1", { status: "FAILED", attempt: 1, error: "bad\u0000byte", output: { "\ud800": "x\udc00" } }]],
      approvals: [],
      run: { error: "a\u0000b" },
      audits: [],
    });
    expect(text).not.toMatch(/\\u(?:0000|d[89a-f][0-9a-f]{2})/);
    const parsed = JSON.parse(text) as { updates: { error: string; output: unknown }[]; run: { error: string } };
    expect(parsed.updates[0]).toMatchObject({ error: "bad\uFFFDbyte", output: { "\uFFFD": "x\uFFFD" } });
    expect(parsed.run.error).toBe("a\uFFFDb");
  });

  it("leaves a clean payload as JSON.stringify writes it", () => {
    const f = { runId: "r1", teamId: "t1", creates: [], updates: [], approvals: [], run: { error: "ok 😀 \\u0000 literal" }, audits: [] };
    expect(JSON.parse(flushPayload(f))).toMatchObject({ run: { error: "ok 😀 \\u0000 literal" } });
  });
});
