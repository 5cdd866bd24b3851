import { describe, expect, it } from "vitest";
import { applyCompletion, findCompletionContext } from "./template-completion";

describe("findCompletionContext in templates", () => {
  it("opens right after {{ and follows the path being typed", () => {
    expect(findCompletionContext("Hi {{", 5, "template")).toEqual({ from: 3, to: 5, query: "" });
    expect(findCompletionContext("Hi {{ nodes.cl", 14, "template")).toEqual({ from: 3, to: 14, query: "nodes.cl" });
  });

  it("stays closed outside an expression, after }} and for escaped or non-path content", () => {
    expect(findCompletionContext("Hi {{ a }} there", 16, "template")).toBeNull();
    expect(findCompletionContext("plain text", 5, "template")).toBeNull();
    expect(findCompletionContext("\\{{ x", 5, "template")).toBeNull();
    expect(findCompletionContext("{{ a + ", 7, "template")).toBeNull();
  });
});

describe("findCompletionContext in expressions", () => {
  it("opens on a word that starts like a variable, not inside strings", () => {
    expect(findCompletionContext("nodes.sc", 8, "expression")).toEqual({ from: 0, to: 8, query: "nodes.sc" });
    expect(findCompletionContext("x > tri", 7, "expression")).toEqual({ from: 4, to: 7, query: "tri" });
    expect(findCompletionContext("x in", 4, "expression")).toBeNull();
    expect(findCompletionContext('"nodes', 6, "expression")).toBeNull();
    expect(findCompletionContext("amount", 6, "expression")).toBeNull();
    expect(findCompletionContext("x > ", 4, "expression", true)).toEqual({ from: 4, to: 4, query: "" });
  });
});

describe("applyCompletion", () => {
  it("writes a whole {{ path }} and puts the caret after it", () => {
    const text = "Summarise {{ nodes.fe and more";
    const context = findCompletionContext(text, 21, "template");
    if (!context) throw new Error("expected a context");
    const result = applyCompletion(text, context, "nodes.fetch.output.body", "template");
    expect(result.text).toBe("Summarise {{ nodes.fetch.output.body }} and more");
    expect(result.text.slice(0, result.caret)).toBe("Summarise {{ nodes.fetch.output.body }}");
  });

  it("reuses a closing }} already there", () => {
    const text = "{{ tri }} end";
    const result = applyCompletion(text, { from: 0, to: 6, query: "tri" }, "trigger.body", "template");
    expect(result.text).toBe("{{ trigger.body }} end");
  });

  it("replaces the word in an expression", () => {
    const result = applyCompletion(
      "x > nodes.s + 1",
      { from: 4, to: 11, query: "nodes.s" },
      "nodes.score.output.risk",
      "expression",
    );
    expect(result).toMatchObject({ text: "x > nodes.score.output.risk + 1", caret: 27 });
  });
});
