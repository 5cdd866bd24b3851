import { describe, expect, it } from "vitest";
import { NODE_DEFINITIONS } from "../nodes/registry.shared";
import { describeNodeConfig } from "./config-fields.shared";
import {
  clearedValue,
  createListItem,
  getIn,
  inlineProblemMessage,
  listFieldPaths,
  placeProblems,
  setIn,
} from "./config-values.shared";
import type { TGraphProblem } from "./graph-problems.shared";

const problem = (field: string | undefined, message = "m"): TGraphProblem => ({
  nodeId: "n",
  field,
  code: "invalid_config",
  message,
});

describe("getIn / setIn", () => {
  it("writes nested values without touching the original, and removes keys set to undefined", () => {
    const config = { cases: [{ id: "a", when: "x" }], match: "first" };
    const next = setIn(config, ["cases", 0, "when"], "y");
    expect(getIn(next, ["cases", 0, "when"])).toBe("y");
    expect(config.cases[0]?.when).toBe("x");
    expect(setIn({ a: 1, b: 2 }, ["b"], undefined)).toEqual({ a: 1 });
    expect(setIn(undefined, ["retry", "maxAttempts"], 3)).toEqual({ retry: { maxAttempts: 3 } });
  });
});

describe("listFieldPaths and placeProblems", () => {
  it("lists list rows and only the chosen variant's fields", () => {
    const sw = describeNodeConfig(NODE_DEFINITIONS["control.switch"]).fields;
    const paths = listFieldPaths(sw, {
      cases: [
        { id: "a", label: "A", when: "x" },
        { id: "b", label: "B", when: "y" },
      ],
    });
    expect(paths).toEqual(expect.arrayContaining(["cases", "cases.0", "cases.0.when", "cases.1.id", "match"]));
    const delay = describeNodeConfig(NODE_DEFINITIONS["control.delay"]).fields;
    expect(listFieldPaths(delay, { mode: "until", until: "x" })).toEqual(["mode", "until"]);
  });

  it("places each problem under the deepest shown field, the rest at the top", () => {
    const placed = placeProblems(
      [problem("cases.1.when"), problem("model.modelId"), problem(undefined), problem("durationMs"), problem("cases")],
      ["cases", "cases.1", "cases.1.when", "model"],
    );
    expect(Object.fromEntries(Object.entries(placed.byPath).map(([k, v]) => [k, v.length]))).toEqual({
      "cases.1.when": 1,
      model: 1,
      cases: 1,
    });
    expect(placed.unplaced.map((p) => p.field)).toEqual([undefined, "durationMs"]);
  });

  it("shortens messages shown under their field", () => {
    expect(inlineProblemMessage(problem("prompt", 'Node "llm", field "prompt": Enter the prompt'))).toBe(
      "Enter the prompt",
    );
    expect(inlineProblemMessage(problem("n", 'Node "j": field "n" should be at most 50'))).toBe("Should be at most 50");
    expect(inlineProblemMessage(problem("n", 'Node "j": field "n" is required'))).toBe("This field is required.");
  });
});

describe("createListItem", () => {
  it("numbers new switch cases with a fresh id", () => {
    const [cases] = describeNodeConfig(NODE_DEFINITIONS["control.switch"]).fields;
    if (cases?.widget !== "list") throw new Error("expected a list");
    expect(createListItem(cases, [{ id: "case_1" }, { id: "case_2" }])).toEqual({
      id: "case_3",
      label: "Case 3",
      when: "",
    });
    expect(createListItem(cases, [{ id: "case_2" }])).toEqual({ id: "case_3", label: "Case 3", when: "" });
  });
});

describe("clearedValue", () => {
  it("removes optional fields and writes null only where the schema needs it", () => {
    const fields = describeNodeConfig(NODE_DEFINITIONS["tool.http"]).fields;
    const credential = fields.find((f) => f.key === "credentialId");
    if (!credential) throw new Error("expected credentialId");
    expect(credential).toMatchObject({ isOptional: true, isNullable: true });
    expect(clearedValue(credential)).toBeUndefined();
    expect(clearedValue({ ...credential, isOptional: false })).toBeNull();
  });
});
