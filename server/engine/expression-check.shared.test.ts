import { describe, expect, it } from "vitest";
import {
  checkExpressionSyntax,
  checkTemplateSyntax,
  listTemplateExpressions,
  parseTemplate,
} from "./expression-check.shared";
import { checkExpression } from "./expressions";
import { checkTemplate } from "./templates";

describe("checkExpressionSyntax", () => {
  it("accepts JSONata and names the position of a syntax error", () => {
    expect(checkExpressionSyntax('nodes.score.output.risk > 0.8 and trigger.body.kind = "card"')).toEqual({
      isValid: true,
    });
    expect(checkExpressionSyntax('{ "total": $sum(trigger.body.items.price) }')).toEqual({ isValid: true });
    const check = checkExpressionSyntax("trigger.body.amount >");
    expect(check).toMatchObject({ isValid: false, position: 21 });
    expect(check.isValid === false && check.message).toMatch(/ at position 21$/);
    expect(checkExpressionSyntax("$sum(")).toMatchObject({ isValid: false });
  });

  it("refuses an empty expression", () => {
    expect(checkExpressionSyntax("   ")).toEqual({ isValid: false, message: "Expression is empty" });
  });

  it("agrees with the engine's own check", () => {
    for (const source of ["a.b", "a +", "[1, 2", '"x" & y', "", "$map(items, function($v) { $v * 2 })"]) {
      expect(checkExpressionSyntax(source)).toEqual(checkExpression(source));
    }
  });
});

describe("checkTemplateSyntax", () => {
  it("accepts text without expressions and well-formed templates", () => {
    expect(checkTemplateSyntax("plain text } with {braces}")).toEqual([]);
    expect(checkTemplateSyntax('Total: {{ {"sum": $sum(x)} }} for {{ "}}" & name }}')).toEqual([]);
    expect(checkTemplateSyntax("literal \\{{ not an expression")).toEqual([]);
  });

  it("reports unclosed braces and expressions that do not parse, in order", () => {
    expect(checkTemplateSyntax("Hi {{ name ) }} and {{ ok }} then {{ open")).toEqual([
      { message: expect.stringMatching(/^\{\{ name \) \}\}: /), position: 3 },
      { message: '"{{" at position 34 has no closing "}}"', position: 34 },
    ]);
  });

  it("is what the engine's checkTemplate reports", () => {
    for (const template of ["{{ a +  }}", "x {{ b", "{{ c }} {{ d.e }}", "{{ }}"]) {
      expect(checkTemplateSyntax(template)).toEqual(checkTemplate(template));
    }
  });
});

describe("parseTemplate", () => {
  it("splits text and expressions with their offsets", () => {
    expect(parseTemplate("Dear {{ trigger.body.name }}, \\{{ stays")).toEqual({
      parts: [
        { kind: "text", text: "Dear " },
        { kind: "expression", source: "trigger.body.name", start: 5, end: 28 },
        { kind: "text", text: ", {{ stays" },
      ],
      problems: [],
    });
    expect(listTemplateExpressions("{{ a }}{{ /* }} */ b }}").map((e) => e.source)).toEqual(["a", "/* }} */ b"]);
  });
});
