import { describe, expect, it } from "vitest";
import { renderTemplate } from "../engine/templates";
import { evaluateExpression } from "../engine/expressions";
import {
  formatPreviewValue,
  previewExpression,
  previewTemplate,
  templateValueToString,
} from "./expression-preview.shared";

const scope = {
  trigger: { body: { amount: 21, items: [{ price: 2 }, { price: 3 }], name: "Ada" } },
  nodes: { classify: { output: { label: "billing", confidence: 0.92 } } },
};
const serverScope = { ...scope, run: { id: "r", workflowId: "w", teamId: "t" } };
const at = { nodeId: "n", field: "f" };

describe("previewExpression", () => {
  it("evaluates JSONata against the last run's data", async () => {
    expect(await previewExpression("trigger.body.amount * 2", scope)).toEqual({ status: "value", value: 42 });
    expect(await previewExpression("nodes.classify.output.confidence > 0.8", scope)).toEqual({
      status: "value",
      value: true,
    });
    expect(await previewExpression("$sum(trigger.body.items.price)", scope)).toEqual({ status: "value", value: 5 });
    expect(await previewExpression("trigger.body.missing", scope)).toEqual({ status: "value", value: undefined });
  });

  it("gives the same values as the engine, sequences made plain arrays", async () => {
    for (const source of [
      "trigger.body.items.price",
      '{"who": trigger.body.name, "n": $count(trigger.body.items)}',
      "trigger.body.items[price > 2]",
    ]) {
      const preview = await previewExpression(source, scope);
      expect(preview).toEqual({ status: "value", value: await evaluateExpression(source, serverScope, at) });
    }
  });

  it("reports parse errors, runtime errors and runaway expressions instead of throwing", async () => {
    const parse = await previewExpression("trigger.body.(", scope);
    expect(parse.status).toBe("error");
    const runtime = await previewExpression("$number('abc') + $undefinedFn()", scope);
    expect(runtime.status).toBe("error");
    const started = Date.now();
    const runaway = await previewExpression("($f := function($n) { $f($n + 1) }; $f(0))", scope);
    expect(runaway).toMatchObject({ status: "error" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await previewExpression("$uppercase", scope)).toEqual({
      status: "error",
      message: "evaluated to a function, not a value",
    });
  });

  it("fails with the engine's own words", async () => {
    for (const source of ["$uppercase", "$number('abc') + $undefinedFn()", "{'f': function($x) { $x }}"]) {
      const preview = await previewExpression(source, scope);
      const engineError = await evaluateExpression(source, serverScope, at).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(preview.status, source).toBe("error");
      expect(engineError, source).toMatch(/^Node "n", field "f": expression /);
      expect(engineError!.endsWith(` ${(preview as { message: string }).message}`), `${source}: ${engineError}`).toBe(
        true,
      );
    }
  });

  it("says when there is nothing to preview against", async () => {
    expect(await previewExpression("trigger.body", null)).toEqual({ status: "no-scope" });
    expect(await previewExpression("  ", scope)).toEqual({ status: "empty" });
  });
});

describe("previewTemplate", () => {
  it("renders templates exactly as the engine does", async () => {
    for (const template of [
      "Hello {{ trigger.body.name }}, you owe {{ trigger.body.amount * 2 }}",
      "Label: {{ nodes.classify.output }} / {{ trigger.body.missing }}.",
      "Literal \\{{ not an expression }}",
    ]) {
      const preview = await previewTemplate(template, scope);
      expect(preview).toEqual({ status: "value", value: await renderTemplate(template, serverScope, at) });
    }
  });

  it("reports an unclosed expression and a failing one with its source", async () => {
    expect(await previewTemplate("Hi {{ trigger.body.name", scope)).toMatchObject({ status: "error" });
    const failing = await previewTemplate("x {{ $undefinedFn() }}", scope);
    expect(failing.status === "error" && failing.message.startsWith("{{ $undefinedFn() }}:")).toBe(true);
    expect(await previewTemplate("no variables", null)).toEqual({ status: "value", value: "no variables" });
    expect(await previewTemplate("{{ trigger.body }}", null)).toEqual({ status: "no-scope" });
  });

  it("formats values on one line", () => {
    expect(formatPreviewValue(0.92)).toBe("0.92");
    expect(formatPreviewValue("billing")).toBe('"billing"');
    expect(formatPreviewValue(undefined)).toBe("no value");
    expect(formatPreviewValue("x".repeat(300)).length).toBe(200);
    expect(templateValueToString({ a: 1 })).toBe('{"a":1}');
  });
});
