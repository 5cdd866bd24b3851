import { describe, expect, it } from "vitest";
import { NodeError } from "../node-error";
import { createSandboxPool } from "../../sandbox/sandbox-pool";
import { runInSandbox } from "./sandbox";

const limits = { timeoutMs: 1000, memoryLimitMb: 32 };
const input = {
  trigger: { body: { items: [{ price: 5 }, { price: 7 }] } },
  nodes: { score: { output: { risk: 0.4 } } },
  run: { id: "run_1", workflowId: "wf_1", teamId: "team_1" },
  item: "x",
  index: 3,
};

async function failure(code: string, options: Partial<Parameters<typeof runInSandbox>[2]> = {}): Promise<NodeError> {
  try {
    await runInSandbox(code, input, { ...limits, ...options });
  } catch (error) {
    if (error instanceof NodeError) return error;
    throw error;
  }
  throw new Error("expected the code to fail");
}

describe("runInSandbox: results and logs", () => {
  it("returns JSON computed from the input", async () => {
    const code = `const total = input.trigger.body.items.reduce((sum, i) => sum + i.price, 0);
return { total, risk: input.nodes.score.output.risk, item: input.item, index: input.index, list: [1, "a", null, true] };`;
    expect((await runInSandbox(code, input, limits)).result).toEqual({
      total: 12,
      risk: 0.4,
      item: "x",
      index: 3,
      list: [1, "a", null, true],
    });
    expect((await runInSandbox("return 'text';", input, limits)).result).toBe("text");
    expect((await runInSandbox("const unused = 1;", input, limits)).result).toBeNull();
  });

  it("captures console output, bounded", async () => {
    const { logs } = await runInSandbox(
      `console.log("hello", { a: 1 }, [2]); console.warn("careful"); console.error(new TypeError("bad"));
for (let i = 0; i < 150; i += 1) console.info("line " + i);
console.log("x".repeat(5000));
return 1;`,
      input,
      limits,
    );
    expect(logs.slice(0, 3)).toEqual([
      { level: "log", message: 'hello {"a":1} [2]' },
      { level: "warn", message: "careful" },
      { level: "error", message: "TypeError: bad" },
    ]);
    expect(logs).toHaveLength(101);
    expect(logs[99]).toEqual({ level: "info", message: "line 96" });
    expect(logs[100]).toEqual({ level: "warn", message: "… 54 more log lines were dropped" });
  });
});

describe("runInSandbox: limits", () => {
  it("stops an infinite loop at the time limit", async () => {
    const started = performance.now();
    const error = await failure("while (true) {}", { timeoutMs: 150 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.message).toBe("The code ran longer than its 150 ms limit and was stopped.");
    expect(error).toMatchObject({ code: "CODE_ERROR", isRetryable: false, details: { limit: "time" } });
  });

  it("stops memory bombs at the memory limit, large allocations included", async () => {
    // Generous time limit: the memory limit must be what stops them.
    const bombs = [
      "const a = []; for (let i = 0; ; i += 1) a.push({ i, s: 'item' + i });",
      "const a = []; for (let i = 0; ; i += 1) a.push('x'.repeat(100000) + i);",
      "const buffer = new ArrayBuffer(512 * 1024 * 1024); return buffer.byteLength;",
    ];
    for (const bomb of bombs) {
      const error = await failure(bomb, { timeoutMs: 10_000 });
      expect(error.message, bomb).toBe("Code used more than 32 MB.");
      expect(error.details).toEqual({ limit: "memory" });
    }
    const within = await runInSandbox(
      "const a = []; for (let i = 0; i < 20; i += 1) a.push(new ArrayBuffer(1024 * 1024)); return a.length;",
      input,
      limits,
    );
    expect(within.result).toBe(20);
  });

  it("says when the input alone does not fit in memory", async () => {
    const big = { trigger: { body: { text: "y".repeat(10 * 1024 * 1024) } } };
    const error = await runInSandbox("return 1;", big, { timeoutMs: 1000, memoryLimitMb: 8 }).catch((e: unknown) => e);
    expect((error as NodeError).message).toBe("The input of the code (11 MB of JSON) does not fit in 8 MB.");
  });

  it("stops runaway recursion inside the VM and survives host-level stack exhaustion", async () => {
    expect((await failure("function f() { return f() + 1; } return f();")).message).toBe(
      "Code recursed too deeply (stack overflow).",
    );
    const nested = await failure(
      "let root = {}; let at = root; for (let i = 0; i < 200000; i += 1) { at.a = {}; at = at.a; } return root;",
      { memoryLimitMb: 64 },
    );
    expect(nested.code).toBe("CODE_ERROR");
    expect(nested.message).toMatch(/too deeply/);
    expect((await runInSandbox("return 2 + 2;", input, limits)).result).toBe(4);
  });

  it("does not start when the step is already cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure("return 1;", { signal: controller.signal })).code).toBe("CANCELLED");
  });
});

describe("runInSandbox: isolation", () => {
  it("offers no network, modules, process or timers", async () => {
    const { result } = await runInSandbox(
      "return [fetch, require, process, setTimeout, setInterval, XMLHttpRequest, WebSocket, std, os].map((x) => 1);",
      input,
      limits,
    ).catch((e: unknown) => ({ result: e }));
    expect((result as NodeError).message).toBe("Code threw an error at line 1: ReferenceError: 'fetch' is not defined");
    const types = await runInSandbox(
      "return [typeof fetch, typeof require, typeof process, typeof setTimeout, typeof XMLHttpRequest, typeof WebSocket, typeof std, typeof os, typeof Deno];",
      input,
      limits,
    );
    expect(new Set(types.result as string[])).toEqual(new Set(["undefined"]));
    expect((await failure('const fs = require("fs");\nreturn fs;')).message).toBe(
      "Code threw an error at line 1: ReferenceError: 'require' is not defined",
    );
    expect((await failure('return import("fs");')).message).toMatch(
      /^Code returned a value that is not JSON: it is a Promise/,
    );
  });

  it("starts every run from a clean global state", async () => {
    await runInSandbox(
      "globalThis.leak = 42; Object.prototype.polluted = true; JSON.parse = () => 0; return 1;",
      input,
      limits,
    );
    const { result } = await runInSandbox(
      "return { leak: typeof leak, polluted: ({}).polluted === undefined, parse: JSON.parse('[1]') };",
      input,
      limits,
    );
    expect(result).toEqual({ leak: "undefined", polluted: true, parse: [1] });
  });
});

describe("runInSandbox: errors a person understands", () => {
  it("reports syntax errors with their line", async () => {
    expect((await failure("const a = 1;\nconst b = ;\nreturn a;")).message).toBe(
      "Code has a syntax error at line 2: unexpected token in expression: ';'.",
    );
    expect((await failure("const r = await Promise.resolve(1);\nreturn r;")).message).toMatch(
      /^Code has a syntax error at line 1: .*\. Code runs synchronously: `await`, promises and timers are not available\.$/,
    );
  });

  it("reports thrown errors with their line and message", async () => {
    const error = await failure("const x = null;\nreturn x.y;");
    expect(error.message).toBe("Code threw an error at line 2: TypeError: cannot read property 'y' of null");
    expect(error.details).toEqual({ line: 2 });
    expect((await failure('throw new Error("Order is missing a customer");')).message).toBe(
      "Code threw an error at line 1: Error: Order is missing a customer",
    );
    expect((await failure('throw "nope";')).message).toBe('Code threw "nope" (throw an Error to get a line number).');
  });

  it("refuses results that are not JSON", async () => {
    const fn = await failure("return () => 1;");
    expect(fn).toMatchObject({
      code: "INVALID_OUTPUT",
      isRetryable: false,
      message: "Code returned a value that is not JSON: a function.",
    });
    expect((await failure("return { n: 10n };")).message).toBe(
      'Code returned a value that is not JSON: a BigInt at key "n".',
    );
    expect((await failure("const a = {}; a.self = a; return a;")).message).toMatch(
      /^Code returned a value that is not JSON: .*circular/i,
    );
  });

  it("refuses a result above the step's size limit inside the thread, in the words of the step check", async () => {
    const output = { maxBytes: 1024, nodeId: "c" };
    const big = await failure('console.log("made it"); return "é".repeat(3000);', { output });
    // 6,002 bytes of result JSON and 53 of the rest of the output ({"result":…,"logs":[{"level":"log","message":"made it"}]}).
    expect(big).toMatchObject({ code: "INVALID_OUTPUT", isRetryable: false, message: 'Output of node "c" is 5.9 KB, above the 1 KB limit for a step' });
    expect((await runInSandbox('return "x".repeat(900);', input, { ...limits, output })).result).toHaveLength(900);
    // The thread answers without the result: it never crosses to this process.
    const pool = createSandboxPool({ size: 1 });
    try {
      const outcome = await pool.run({ code: 'return "x".repeat(1e6);', inputJson: "null", ...limits, maxResultBytes: 1024 });
      expect(outcome).toEqual({ kind: "too-large", bytes: 1_000_002, logs: [] });
    } finally {
      await pool.close();
    }
  });
});
