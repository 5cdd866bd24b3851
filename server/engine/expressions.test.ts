import { describe, expect, it } from "vitest";
import jsonata from "jsonata";
import type { TScope } from "../nodes/execute-types";
import { isNodeError } from "../nodes/node-error";
import {
  EXPRESSION_CACHE_LIMIT,
  ExpressionError,
  checkExpression,
  compileExpression,
  evaluateExpression,
  getExpressionCacheSize,
  parsePlainPath,
} from "./expressions";

const scope: TScope = {
  trigger: { body: { amount: 120, customer: { name: "Ada", tags: ["vip", "eu"] }, note: null } },
  nodes: {
    score: { output: { risk: 0.91, reasons: [] } },
    fetch: {
      output: {
        items: [
          { price: 5, sku: "a" },
          { price: 20, sku: "b" },
          { price: 30, sku: "c" },
        ],
      },
    },
  },
  run: { id: "run_1", workflowId: "wf_1", teamId: "team_1" },
  item: { id: 7, nested: [[1, 2], [3]] },
  index: 2,
};
const at = { nodeId: "score", field: "condition" };

async function failure(source: string, options: Partial<Parameters<typeof evaluateExpression>[2]> = {}) {
  try {
    await evaluateExpression(source, scope, { ...at, ...options });
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected "${source}" to fail`);
}

describe("evaluateExpression", () => {
  it("evaluates typical expressions over the scope", async () => {
    expect(await evaluateExpression("trigger.body.amount", scope, at)).toBe(120);
    expect(await evaluateExpression("nodes.score.output.risk > 0.8", scope, at)).toBe(true);
    expect(await evaluateExpression("$sum(nodes.fetch.output.items[price > 10].price)", scope, at)).toBe(50);
    expect(await evaluateExpression("item.id * 2 + index", scope, at)).toBe(16);
    expect(
      await evaluateExpression(
        '{"who": trigger.body.customer.name, "n": $count(trigger.body.customer.tags)}',
        scope,
        at,
      ),
    ).toEqual({ who: "Ada", n: 2 });
  });

  it("returns plain JSON arrays, without JSONata's sequence markers", async () => {
    const prices = await evaluateExpression("nodes.fetch.output.items.price", scope, at);
    expect(prices).toEqual([5, 20, 30]);
    expect(Object.keys(prices as object)).toEqual(["0", "1", "2"]);
  });

  it("keeps a missing path (undefined) distinct from null", async () => {
    expect(await evaluateExpression("trigger.body.missing", scope, at)).toBeUndefined();
    expect(await evaluateExpression("nodes.nope.output.x", scope, at)).toBeUndefined();
    expect(await evaluateExpression("trigger.body.note", scope, at)).toBeNull();
    expect(await evaluateExpression("trigger.body.note.deeper", scope, at)).toBeUndefined();
    expect(await evaluateExpression("$exists(trigger.body.missing)", scope, at)).toBe(false);
  });

  it("resolves plain paths exactly as JSONata does", async () => {
    const paths = [
      "trigger.body.amount",
      "trigger.body.customer",
      "trigger.body.customer.tags",
      "trigger.body.note",
      "trigger.body.note.x",
      "trigger.body.amount.x",
      "trigger.body.constructor",
      "trigger.toString",
      "nodes.fetch.output.items.price",
      "nodes.score.output.reasons",
      "item.nested",
      "run.id",
      "index",
    ];
    for (const path of paths) {
      expect(parsePlainPath(path), path).not.toBeNull();
      const fast = await evaluateExpression(path, scope, at);
      const reference: unknown = await jsonata(path).evaluate(scope);
      expect(JSON.stringify(fast), path).toBe(JSON.stringify(reference));
      expect(fast === undefined, path).toBe(reference === undefined);
    }
    expect(parsePlainPath("true")).toBeNull();
    expect(parsePlainPath("a.b > 1")).toBeNull();
    expect(parsePlainPath("$x.y")).toBeNull();
  });

  it("names the node, the field and the expression when it does not parse", async () => {
    const error = await failure("nodes.x.output.risk >");
    expect(error.message).toBe(
      'Node "score", field "condition": expression "nodes.x.output.risk >" could not be parsed: Unexpected end of expression at position 21',
    );
    expect(error).toMatchObject({
      nodeId: "score",
      field: "condition",
      expression: "nodes.x.output.risk >",
      position: 21,
    });
    expect(isNodeError(error) && error.code === "EXPRESSION" && !error.isRetryable).toBe(true);
  });

  it("reports evaluation errors with their position", async () => {
    const error = await failure("trigger.body.customer.name + 1");
    expect(error.failure).toBe("evaluate");
    expect(error.message).toMatch(
      /^Node "score", field "condition": expression "trigger\.body\.customer\.name \+ 1" failed: The left side of the "\+" operator must evaluate to a number \(at position \d+\)$/,
    );
  });

  it("stops expressions that run too long", async () => {
    const slow = "($f := function($n){ $n = 0 ? 0 : $f($n - 1) + $f($n - 1) }; $f(40))";
    const started = performance.now();
    const error = await failure(slow, { timeoutMs: 100 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.message).toMatch(/took longer than 100 ms and was stopped$/);
  });

  it("stops deep recursion and huge sequences", async () => {
    const deep = await failure("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))");
    expect(deep.message).toMatch(/recursed deeper than 2000 levels and was stopped$/);
    const wide = await failure("$count([1..5000000])");
    expect(wide.message).toMatch(/built a sequence longer than 100,000 items and was stopped$/);
  });

  it("refuses results above the size limit and results that are functions", async () => {
    const big = await failure('$join([1..2000].("xxxxxxxxxx"), "")', { maxResultBytes: 10_000 });
    expect(big.message).toMatch(/produced 19\.5 KB, above the 9\.8 KB limit for an expression result$/);
    const bigObject = await failure("[1..5000]", { maxResultBytes: 1000 });
    expect(bigObject.failure).toBe("too-large");
    expect((await failure("function($x){ $x }")).message).toMatch(/evaluated to a function, not a value$/);
    expect((await failure('{"f": function($x){ $x }}')).failure).toBe("not-a-value");
  });
});

describe("checkExpression and the cache", () => {
  it("checks syntax without evaluating", () => {
    expect(checkExpression("nodes.a.output.b = 'x'")).toEqual({ isValid: true });
    expect(checkExpression("(")).toEqual({
      isValid: false,
      message: 'Expected ")" before end of expression at position 1',
      position: 1,
    });
    expect(checkExpression("   ")).toEqual({ isValid: false, message: "Expression is empty" });
  });

  it("returns the same compiled expression and stays bounded", () => {
    const first = compileExpression("trigger.body.amount + 1");
    expect(compileExpression("trigger.body.amount + 1")).toBe(first);
    for (let i = 0; i < EXPRESSION_CACHE_LIMIT + 50; i += 1) compileExpression(`trigger.body.amount + ${i}`);
    expect(getExpressionCacheSize()).toBe(EXPRESSION_CACHE_LIMIT);
  });
});

describe("engine overhead of expressions (reported, not asserted)", () => {
  it("measures compile + evaluate of typical step expressions", async () => {
    const typical: [string, unknown][] = [
      ["nodes.score.output.risk", 0.91],
      ["nodes.score.output.risk > 0.8", true],
      ["trigger.body.amount >= 100 and trigger.body.customer.name = 'Ada'", true],
      [
        '{"total": $sum(nodes.fetch.output.items.price), "count": $count(nodes.fetch.output.items)}',
        { total: 55, count: 3 },
      ],
    ];
    const timings: Record<string, { coldMs: number; p50Ms: number; p99Ms: number }> = {};
    for (const [source, expected] of typical) {
      const coldStart = performance.now();
      jsonata(source);
      const coldMs = performance.now() - coldStart;
      const samples: number[] = [];
      for (let i = 0; i < 2000; i += 1) {
        const started = performance.now();
        const result = await evaluateExpression(source, scope, at);
        samples.push(performance.now() - started);
        if (i === 0) expect(result).toEqual(expected);
      }
      samples.sort((a, b) => a - b);
      const pick = (q: number) => Number((samples[Math.floor(q * (samples.length - 1))] ?? 0).toFixed(4));
      timings[source.slice(0, 40)] = { coldMs: Number(coldMs.toFixed(3)), p50Ms: pick(0.5), p99Ms: pick(0.99) };
    }
    console.info(`expression timings (ms): ${JSON.stringify(timings)}`);
  });
});
