import { describe, expect, it } from "vitest";
import { findNodeReferences, resolveFieldPath } from "./validate-graph-expressions.shared";

describe("findNodeReferences", () => {
  it("finds nodes.<id> in expressions, once each, in order", () => {
    expect(findNodeReferences("nodes.score.output.risk > 0.8 and nodes.extract.output.pii or nodes.score.x")).toEqual([
      "score",
      "extract",
    ]);
    expect(findNodeReferences("$count(nodes . fetch . output.items) + nodes.`not_an_id`")).toEqual(["fetch"]);
    expect(findNodeReferences("(nodes.a)[0] & [nodes.b]")).toEqual(["a", "b"]);
  });

  it("ignores strings, comments, fields and variables that happen to be called nodes", () => {
    const source = `"nodes.in_string" & 'nodes.single \\' nodes.escaped' /* nodes.comment */ & trigger.body.nodes.field & $nodes.var & my_nodes.x & trigger.body. nodes.spaced`;
    expect(findNodeReferences(source)).toEqual([]);
  });

  it("copes with an unterminated string or comment", () => {
    expect(findNodeReferences('nodes.a & "nodes.b')).toEqual(["a"]);
    expect(findNodeReferences("nodes.a /* nodes.b")).toEqual(["a"]);
  });
});

describe("resolveFieldPath", () => {
  const config = {
    url: "https://x",
    cases: [{ when: "a" }, { when: "b" }, { other: 1 }],
    headers: { Authorization: "Bearer {{ t }}", "X-Id": "{{ id }}" },
    nested: { deep: { value: 1 } },
  };

  it("reads plain paths and expands * over arrays and records", () => {
    expect(resolveFieldPath(config, "url")).toEqual([{ field: "url", path: ["url"], value: "https://x" }]);
    expect(resolveFieldPath(config, "cases.*.when")).toEqual([
      { field: "cases.0.when", path: ["cases", 0, "when"], value: "a" },
      { field: "cases.1.when", path: ["cases", 1, "when"], value: "b" },
    ]);
    expect(resolveFieldPath(config, "headers.*")).toEqual([
      { field: "headers.Authorization", path: ["headers", "Authorization"], value: "Bearer {{ t }}" },
      { field: "headers.X-Id", path: ["headers", "X-Id"], value: "{{ id }}" },
    ]);
    expect(resolveFieldPath(config, "nested.deep.value")).toEqual([{ field: "nested.deep.value", path: ["nested", "deep", "value"], value: 1 }]);
  });

  it("gives nothing for missing paths", () => {
    expect(resolveFieldPath(config, "missing")).toEqual([]);
    expect(resolveFieldPath(config, "url.*")).toEqual([]);
    expect(resolveFieldPath(config, "cases.*.nope")).toEqual([]);
  });
});
