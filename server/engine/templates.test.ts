import { describe, expect, it } from "vitest";
import type { TScope } from "../nodes/execute-types";
import { NodeError } from "../nodes/node-error";
import { ExpressionError } from "./expressions";
import { checkTemplate, listTemplateExpressions, parseTemplate, renderTemplate } from "./templates";

const scope: TScope = {
  trigger: { body: { name: "Ada", amount: 42.5, isVip: true, tags: ["a", "b"], note: null } },
  nodes: { classify: { output: { label: "billing", scores: { billing: 0.9 } } } },
  run: { id: "run_1", workflowId: "wf_1", teamId: "team_1" },
};
const at = { nodeId: "reply", field: "prompt" };

describe("renderTemplate", () => {
  it("replaces expressions with their text, objects as JSON", async () => {
    const template =
      "Hi {{ trigger.body.name }}, {{trigger.body.amount * 2}} {{ trigger.body.isVip }} {{ trigger.body.tags }} {{ nodes.classify.output.scores }}";
    expect(await renderTemplate(template, scope, at)).toBe('Hi Ada, 85 true ["a","b"] {"billing":0.9}');
  });

  it("renders missing values and null as nothing", async () => {
    expect(await renderTemplate("[{{ trigger.body.missing }}|{{ trigger.body.note }}]", scope, at)).toBe("[|]");
  });

  it("keeps escaped braces and text without expressions as they are", async () => {
    expect(await renderTemplate("Use \\{{ name }} for {{ trigger.body.name }}", scope, at)).toBe(
      "Use {{ name }} for Ada",
    );
    expect(await renderTemplate("plain } text {", scope, at)).toBe("plain } text {");
  });

  it("finds the closing braces past JSONata objects and strings", async () => {
    const template = `{{ {"who": trigger.body.name, "s": "}}"} }} and {{ "a \\"}}\\" b" & '}' }}`;
    expect(await renderTemplate(template, scope, at)).toBe('{"who":"Ada","s":"}}"} and a "}}" b}');
  });

  it("names node, field and expression when an expression fails", async () => {
    const error = await renderTemplate("Total: {{ trigger.body.name + 1 }}", scope, at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(
      /^Node "reply", field "prompt": expression "trigger\.body\.name \+ 1" failed: /,
    );
  });

  it("refuses an unclosed {{ and a rendering above the limit", async () => {
    const unclosed = await renderTemplate("Hello {{ trigger.body.name", scope, at).catch((e: unknown) => e);
    expect(unclosed).toBeInstanceOf(NodeError);
    expect((unclosed as NodeError).message).toBe(
      'Node "reply", field "prompt": the template\'s "{{" at position 6 has no closing "}}"',
    );
    const huge = await renderTemplate("{{ trigger.body.tags }}".repeat(50), scope, {
      ...at,
      maxResultBytes: 100,
    }).catch((e: unknown) => e);
    expect((huge as NodeError).message).toBe(
      'Node "reply", field "prompt": the rendered template is longer than the 100 bytes limit',
    );
  });
});

describe("listTemplateExpressions and checkTemplate", () => {
  it("lists expressions with their offsets", () => {
    const template = "a {{ x.y }} b \\{{ no }} {{z}}";
    expect(listTemplateExpressions(template)).toEqual([
      { source: "x.y", start: 2, end: 11 },
      { source: "z", start: 24, end: 29 },
    ]);
    expect(parseTemplate(template).parts.filter((p) => p.kind === "text")).toEqual([
      { kind: "text", text: "a " },
      { kind: "text", text: " b {{ no }} " },
    ]);
  });

  it("reports unclosed braces and expressions that do not parse", () => {
    expect(checkTemplate("fine {{ a.b }}")).toEqual([]);
    expect(checkTemplate("{{ a > }} and {{ }} and {{ open")).toEqual([
      { message: "{{ a > }}: Unexpected end of expression at position 3", position: 0 },
      { message: "{{  }}: Expression is empty", position: 14 },
      { message: '"{{" at position 24 has no closing "}}"', position: 24 },
    ]);
  });
});
