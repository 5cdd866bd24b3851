import { describe, expect, it } from "vitest";
import { NODE_DEFINITIONS } from "../nodes/registry.shared";
import type { TNodeDefinition } from "../nodes/types";
import { fraudTriage } from "../seed/workflow-fraud-triage";
import { incidentResponse } from "../seed/workflow-incident-response";
import { supportTriage } from "../seed/workflow-support-triage";
import { validateGraph, type TValidateGraphOptions } from "./validate-graph.shared";
import {
  edge,
  findNode,
  generatedGraph,
  node,
  transform,
  validGraph,
  variant,
  type TRawGraph,
} from "./validate-graph-test-graphs";

/** [code, nodeId] of every problem, sorted, so a test states exactly what it expects. */
function problemsOf(graph: unknown, options?: TValidateGraphOptions): [string, string | null][] {
  return validateGraph(graph, options)
    .problems.map((p): [string, string | null] => [p.code, p.nodeId])
    .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
}

function only(graph: unknown, options?: TValidateGraphOptions) {
  const { problems } = validateGraph(graph, options);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

/** The registry with some definitions replaced, for rules no shipped node exercises yet. */
function withDefinitions(overrides: Partial<Record<string, Partial<TNodeDefinition>>>): TValidateGraphOptions {
  const definitions: Record<string, TNodeDefinition> = { ...NODE_DEFINITIONS };
  for (const [type, override] of Object.entries(overrides)) definitions[type] = { ...definitions[type]!, ...override };
  return { definitions };
}

describe("validateGraph: a valid graph", () => {
  it("has no problems", () => {
    expect(validateGraph(validGraph())).toEqual({ isValid: true, problems: [] });
  });

  it("accepts nested loops, switch cases, error routes and every port they add", () => {
    const graph = variant((g) => {
      g.nodes.push(
        node("inner", "control.loop", { items: "item.lines" }),
        transform("line", '{ "line": item, "order": nodes.work.output }'),
        node("route", "control.switch", { cases: [{ id: "vip", label: "VIP", when: 'trigger.body.tier = "vip"' }] }),
        transform("vip", '"vip"'),
        transform("failed", "nodes.big.output"),
      );
      findNode(g, "big").settings = { onError: "route" };
      g.edges = g.edges.filter((e) => !(e.source === "work" && e.target === "each"));
      g.edges.push(
        edge("work", "inner"),
        edge("inner", "line", "item"),
        edge("line", "inner", "out", "back"),
        edge("inner", "each", "done", "back"),
        edge("start", "route"),
        edge("route", "vip", "vip"),
        edge("big", "failed", "error"),
      );
    });
    expect(problemsOf(graph)).toEqual([]);
  });
});

describe("validateGraph: the stored value", () => {
  it("refuses values that are not graphs", () => {
    expect(problemsOf(null)).toEqual([["invalid_graph", null]]);
    expect(problemsOf({ nodes: [] })).toEqual([["invalid_graph", null]]);
  });

  it("reports a broken node field with the node id and keeps checking the node", () => {
    const graph = variant((g) => Object.assign(findNode(g, "big"), { position: { x: "left", y: 0 } }));
    const problem = only(graph);
    expect(problem).toMatchObject({ code: "invalid_node", nodeId: "big", field: "position.x" });
    expect(problem.message).toBe('Node "big": field "position.x" should be a number');
  });

  it("reports an invalid node id and duplicate ids", () => {
    expect(problemsOf(variant((g) => g.nodes.push(node("9lives", "trigger.manual"))))).toEqual([
      ["invalid_node", "9lives"],
    ]);
    expect(problemsOf(variant((g) => g.nodes.push(transform("big", "1"))))).toEqual([["duplicate_node_id", "big"]]);
  });

  it("reports broken connections and duplicate connection ids", () => {
    const broken = variant((g) => g.edges.push({ id: "bad", source: "big", target: "small" } as never));
    expect(validateGraph(broken).problems.map((p) => [p.code, p.nodeId, p.edgeId, p.field])).toEqual([
      ["invalid_edge", "big", "bad", "sourceHandle"],
      ["invalid_edge", "big", "bad", "targetHandle"],
    ]);
    const twice = variant((g) => g.edges.push({ ...edge("big", "small"), id: g.edges[0]!.id }));
    expect(problemsOf(twice)).toEqual([["duplicate_edge_id", null]]);
  });

  it("refuses graphs above the size limits", () => {
    expect(problemsOf(generatedGraph(501, 600))).toEqual([["too_large", null]]);
  });

  it("reports unknown node types without cascading into their connections", () => {
    const graph = variant((g) => {
      g.nodes.push(node("magic", "ai.magic"));
      g.edges.push(edge("start", "magic"), edge("magic", "result", "sparkle"));
    });
    expect(only(graph)).toMatchObject({
      code: "unknown_node_type",
      nodeId: "magic",
      message: 'Node "magic": "ai.magic" is not a known node type.',
    });
  });

  it("refuses a node saved by a newer version of its definition", () => {
    const graph = variant((g) => (findNode(g, "check").typeVersion = 2));
    expect(problemsOf(graph)).toEqual([["newer_node_version", "check"]]);
  });

  it("validates configs after the definition's migrations, field by field", () => {
    const migrated = withDefinitions({
      "tool.transform": {
        version: 2,
        migrations: {
          1: (config) => {
            const { expr, ...rest } = config;
            return expr === undefined ? config : { ...rest, expression: expr };
          },
        },
      },
    });
    const old = variant((g) => (findNode(g, "small").config = { expr: '"small"' }));
    expect(problemsOf(old, migrated)).toEqual([]);
    expect(problemsOf(old)).toEqual([["invalid_config", "small"]]);
    const broken = withDefinitions({
      "tool.transform": {
        version: 2,
        migrations: {
          1: () => {
            throw new Error("x");
          },
        },
      },
    });
    expect(problemsOf(validGraph(), broken)).toEqual([
      ["invalid_config", "big"],
      ["invalid_config", "small"],
      ["invalid_config", "work"],
    ]);
  });

  it("reports each config issue with its field path and a readable message", () => {
    const graph = variant((g) => {
      findNode(g, "check").config = { condition: "  " };
      findNode(g, "each").config = { concurrency: "many" };
    });
    const problems = validateGraph(graph).problems;
    expect(problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["invalid_config", "check", "condition"],
      ["invalid_config", "each", "items"],
      ["invalid_config", "each", "concurrency"],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'Node "check", field "condition": Enter a condition, e.g. nodes.score.output.risk > 0.8',
      'Node "each": field "items" is required',
      'Node "each": field "concurrency" should be a number',
    ]);
  });

  it("validates settings", () => {
    const graph = variant((g) => (findNode(g, "big").settings = { timeoutMs: 5, retry: { maxAttempts: 0 } }));
    const problems = validateGraph(graph).problems;
    expect(problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["invalid_settings", "big", "settings.retry.maxAttempts"],
      ["invalid_settings", "big", "settings.timeoutMs"],
    ]);
    expect(problems[1]!.message).toBe('Node "big": field "settings.timeoutMs" should be at least 100');
  });
});

describe("validateGraph: connections", () => {
  it("reports connections to nodes that do not exist", () => {
    const graph = variant((g) => g.edges.push(edge("ghost", "big")));
    expect(only(graph)).toMatchObject({ code: "edge_unknown_node", nodeId: "big", edgeId: "ghost.out->big.in" });
  });

  it("reports unknown output and input ports", () => {
    expect(problemsOf(variant((g) => (g.edges[1]!.sourceHandle = "maybe")))).toEqual([
      ["unknown_source_handle", "check"],
    ]);
    const input = only(variant((g) => (g.edges[1]!.targetHandle = "side")));
    expect(input).toMatchObject({ code: "unknown_target_handle", nodeId: "big" });
    expect(input.message).toBe('Node "big" has no input "side" (its inputs: "in").');
  });

  it("offers the error port only when failures are routed", () => {
    const routed = variant((g) => {
      g.nodes.push(transform("alert", "nodes.big.output"));
      g.edges.push(edge("big", "alert", "error"));
    });
    expect(only(routed)).toMatchObject({ code: "unknown_source_handle", nodeId: "big" });
    findNode(routed, "big").settings = { onError: "route" };
    expect(problemsOf(routed)).toEqual([]);
  });

  it("reports duplicate connections, self-loops and connections into a trigger", () => {
    expect(problemsOf(variant((g) => g.edges.push({ ...g.edges[1]!, id: "again" })))).toEqual([
      ["duplicate_edge", "check"],
    ]);
    expect(problemsOf(variant((g) => g.edges.push(edge("big", "big"))))).toEqual([["self_loop", "big"]]);
    expect(problemsOf(variant((g) => g.edges.push(edge("small", "start"))))).toEqual([["edge_into_trigger", "start"]]);
  });

  it("reports connections whose data types do not fit; any fits everything", () => {
    const textInput = withDefinitions({ "ai.sentiment": { inputs: [{ id: "in", label: "Text", dataType: "text" }] } });
    const graph = variant((g) => {
      g.nodes.push(
        node("code", "tool.code", { code: "return 1" }),
        node("mood", "ai.sentiment", { input: "{{ trigger.body.text }}" }),
      );
      g.edges.push(edge("merge", "code"), edge("code", "mood"));
    });
    expect(problemsOf(graph)).toEqual([]);
    const problem = only(graph, textInput);
    expect(problem).toMatchObject({ code: "incompatible_types", nodeId: "mood", edgeId: "code.out->mood.in" });
    expect(problem.message).toBe(
      'The connection from "code" to "mood" sends an object into "Text", which expects text.',
    );
  });
});

describe("validateGraph: structure", () => {
  it("needs exactly one trigger", () => {
    const none = variant((g) => {
      g.nodes = g.nodes.filter((n) => n.id !== "start");
      g.edges = g.edges.filter((e) => e.source !== "start");
    });
    expect(problemsOf(none)).toEqual([
      ["no_incoming", "check"],
      ["no_trigger", null],
    ]);
    const two = variant((g) => g.nodes.splice(1, 0, node("hook", "trigger.webhook")));
    const problem = only(two);
    expect(problem).toMatchObject({ code: "multiple_triggers", nodeId: null, nodeIds: ["start", "hook"] });
    expect(problem.message).toBe("There must be exactly one trigger; this workflow has 2 (start, hook).");
  });

  it("reports cycles with their nodes, but not loops through a Loop's back port", () => {
    const problem = only(variant((g) => g.edges.push(edge("small", "check"))));
    expect(problem).toMatchObject({ code: "cycle", nodeId: "check", nodeIds: ["check", "small"] });
    expect(problem.message).toContain('"check" → "small" → "check"');
  });

  it("reports a loop with nothing to repeat", () => {
    const graph = variant((g) => {
      g.nodes.push(node("again", "control.loop", { items: "trigger.body.items" }));
      g.edges.push(edge("merge", "again"));
    });
    expect(problemsOf(graph)).toEqual([["loop_empty_body", "again"]]);
  });

  it("reports connections into a loop body from outside, and out of it", () => {
    expect(problemsOf(variant((g) => g.edges.push(edge("merge", "work"))))).toEqual([["loop_body_entry", "work"]]);
    expect(problemsOf(variant((g) => g.edges.push(edge("each", "work", "done"))))).toEqual([
      ["loop_body_entry", "work"],
    ]);
    // Back into the loop's own input is a way out of the body (and a cycle, as it does not use the back port).
    expect(problemsOf(variant((g) => g.edges.push(edge("work", "each"))))).toEqual([
      ["cycle", "each"],
      ["loop_body_exit", "work"],
    ]);
    expect(problemsOf(variant((g) => g.edges.push(edge("big", "each", "out", "back"))))).toEqual([
      ["loop_back_outside_body", "each"],
    ]);
  });

  it("reports nodes without an incoming connection and nodes the trigger cannot reach", () => {
    const graph = variant((g) => {
      g.nodes.push(transform("orphan", "1"), transform("after", "nodes.orphan.output"));
      g.edges.push(edge("orphan", "after"));
    });
    expect(problemsOf(graph)).toEqual([
      ["no_incoming", "orphan"],
      ["unreachable", "after"],
    ]);
  });

  it("reports an n-of-m join that can never have enough branches", () => {
    const graph = variant((g) => (findNode(g, "merge").config = { mode: "n_of_m", n: 3 }));
    expect(only(graph)).toMatchObject({
      code: "join_unsatisfiable",
      nodeId: "merge",
      message: 'Node "merge" waits for 3 branches, but only 2 are connected to it.',
    });
    findNode(graph, "merge").config = { mode: "n_of_m", n: 2 };
    expect(problemsOf(graph)).toEqual([]);
  });

  it("reports a condition that goes nowhere", () => {
    const graph = variant((g) => {
      g.nodes.push(node("gate", "control.condition", { condition: "true" }));
      g.edges.push(edge("start", "gate"));
    });
    expect(only(graph)).toMatchObject({ code: "condition_goes_nowhere", nodeId: "gate" });
  });
});

describe("validateGraph: expressions and templates", () => {
  it("reports expressions and templates that do not parse, with the field", () => {
    const graph = variant((g) => {
      findNode(g, "check").config = { condition: "trigger.body.amount >" };
      g.nodes.push(
        node("route", "control.switch", {
          cases: [
            { id: "a", label: "A", when: "true" },
            { id: "b", label: "B", when: "(1" },
          ],
        }),
        node("ask", "ai.llm", {
          model: { kind: "route", routeName: "default-chat" },
          prompt: "Hello {{ trigger.body.name ",
        }),
      );
      g.edges.push(edge("start", "route"), edge("route", "ask", "a"));
    });
    const problems = validateGraph(graph).problems;
    expect(problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["invalid_expression", "check", "condition"],
      ["invalid_expression", "route", "cases.1.when"],
      ["invalid_template", "ask", "prompt"],
    ]);
    expect(problems[0]!.message).toMatch(
      /^Node "check", field "condition": the expression does not parse: .+ at position \d+\.$/,
    );
    expect(problems[2]!.message).toBe('Node "ask", field "prompt": "{{" at position 6 has no closing "}}".');
  });

  it("checks fields under `*` in records (headers.*, arguments.*)", () => {
    const options = withDefinitions({
      "tool.http": { templateFields: ["url", "body", "headers.*"] },
      "tool.mcp": { expressionFields: ["arguments.*"] },
    });
    const graph = variant((g) => {
      g.nodes.push(
        node("call", "tool.http", {
          url: "https://api.example.com",
          headers: { "X-Ok": "{{ trigger.body.a }}", Authorization: "Bearer {{ ) }}" },
        }),
        node("tool", "tool.mcp", {
          serverUrl: "https://mcp.example.com",
          toolName: "t",
          arguments: { a: "nodes.call.output", b: "nodes.nope" },
        }),
      );
      g.edges.push(edge("merge", "call"), edge("call", "tool"));
    });
    const problems = validateGraph(graph, options).problems;
    expect(problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["invalid_template", "call", "headers.Authorization"],
      ["unknown_node_reference", "tool", "arguments.b"],
    ]);
  });

  it("reports references to nodes that do not exist or do not run before", () => {
    const graph = variant((g) => {
      findNode(g, "result").config = { value: '{ "a": nodes.ghost.output, "b": nodes.work.output }' };
      findNode(g, "big").config = { expression: "nodes.small.output" };
      findNode(g, "small").config = { expression: "nodes.small.output" };
      g.nodes.push(
        node("ask", "ai.llm", {
          model: { kind: "route", routeName: "x" },
          prompt: "{{ nodes.result.output }} and {{ nodes.work.output }}",
        }),
      );
      g.edges.push(edge("work", "ask"));
    });
    const problems = validateGraph(graph).problems;
    expect(problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["reference_not_upstream", "big", "expression"],
      ["reference_not_upstream", "small", "expression"],
      ["unknown_node_reference", "result", "value"],
      ["reference_not_upstream", "result", "value"],
      ["reference_not_upstream", "ask", "prompt"],
    ]);
    expect(problems[1]!.message).toBe(
      'Node "small", field "expression": refers to its own output (nodes.small), which does not exist yet while it runs.',
    );
    expect(problems[2]!.message).toBe(
      'Node "result", field "value": refers to nodes.ghost, which is not in this workflow.',
    );
    expect(problems[0]!.message).toBe(
      'Node "big", field "expression": nodes.small is not before this node, so it has no output yet.',
    );
  });

  it("ignores nodes.x inside strings and comments, and fields or variables named nodes", () => {
    const graph = variant((g) => {
      findNode(g, "small").config = {
        expression: '{ "note": "nodes.ghost", "x": trigger.body.nodes.ghost, "y": $nodes.ghost } /* nodes.ghost */',
      };
    });
    expect(problemsOf(graph)).toEqual([]);
  });
});

describe("validateGraph: everything at once", () => {
  it("reports every problem, not only the first", () => {
    const graph: TRawGraph = variant((g) => {
      g.nodes.splice(1, 0, node("hook", "trigger.webhook"));
      findNode(g, "check").config = { condition: "" };
      findNode(g, "merge").config = { mode: "n_of_m", n: 5 };
      findNode(g, "result").config = { value: "nodes.ghost" };
      g.nodes.push(transform("orphan", "1"), node("magic", "ai.magic"));
      g.edges.push(edge("small", "check"), edge("big", "big"), edge("big", "merge", "maybe"), edge("merge", "work"));
    });
    expect(problemsOf(graph)).toEqual([
      ["cycle", "check"],
      ["invalid_config", "check"],
      ["join_unsatisfiable", "merge"],
      ["loop_body_entry", "work"],
      ["multiple_triggers", null],
      ["no_incoming", "orphan"],
      ["self_loop", "big"],
      ["unknown_node_reference", "result"],
      ["unknown_node_type", "magic"],
      ["unknown_source_handle", "big"],
    ]);
  });
});

describe("validateGraph: the demo workflows the seed builds", () => {
  const refs = {
    modelIds: {},
    credentialIds: { "helpdesk-api": "cred_1", "itsm-api": "cred_2" },
    knowledgeBaseId: "kb_1",
  };
  for (const template of [fraudTriage, supportTriage, incidentResponse]) {
    it(`${template.key} has no problems`, () => {
      expect(validateGraph(template.graph(refs)).problems).toEqual([]);
    });
  }
});

describe("validateGraph: performance", () => {
  it("validates a 300-node, 400-edge graph quickly", () => {
    const graph = generatedGraph(300, 400);
    expect(graph.edges).toHaveLength(400);
    validateGraph(generatedGraph(20, 25)); // warm up (module init, JSONata)
    const started = performance.now();
    const result = validateGraph(graph);
    const firstMs = performance.now() - started;
    const again = performance.now();
    validateGraph(graph);
    const secondMs = performance.now() - again;
    console.log(
      `validateGraph 300 nodes / 400 edges: ${firstMs.toFixed(1)} ms (first), ${secondMs.toFixed(1)} ms (expressions cached)`,
    );
    expect(result.problems).toEqual([]);
  });
});
