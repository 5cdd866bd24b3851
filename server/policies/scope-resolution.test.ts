import { describe, expect, it } from "vitest";
import { policy } from "../policy/policies.test-helper";
import { policiesFor, type TActivePolicies, type TInvalidPolicy } from "./active-policies";
import { scopeOfRow, type TScopeColumns } from "./stored-scope";

const columns = (c: Partial<TScopeColumns>): TScopeColumns => ({ scope: "org", teamId: null, workflowId: null, agentId: null, apiKeyId: null, ...c });
const invalid = (name: string, scope: TInvalidPolicy["scope"]): TInvalidPolicy => ({ id: name, name, version: 1, scope, problems: [], problemText: "" });

describe("scopeOfRow", () => {
  it("reads each kind from its column; the team of a workflow, agent or key scope is only its owner", () => {
    expect(scopeOfRow(columns({}))).toEqual({ kind: "org" });
    expect(scopeOfRow(columns({ scope: "team", teamId: "t" }))).toEqual({ kind: "team", teamId: "t" });
    expect(scopeOfRow(columns({ scope: "workflow", teamId: "t", workflowId: "w" }))).toEqual({ kind: "workflow", workflowId: "w" });
    expect(scopeOfRow(columns({ scope: "agent", teamId: "t", agentId: "a" }))).toEqual({ kind: "agent", agentId: "a" });
    expect(scopeOfRow(columns({ scope: "api_key", teamId: "t", apiKeyId: "k" }))).toEqual({ kind: "api_key", apiKeyId: "k" });
  });

  it("refuses columns that contradict themselves", () => {
    expect(scopeOfRow(columns({ scope: "team" }))).toBeNull();
    expect(scopeOfRow(columns({ scope: "workflow", teamId: "t" }))).toBeNull();
    expect(scopeOfRow(columns({ scope: "api_key", teamId: "t", workflowId: "w" }))).toBeNull();
  });
});

describe("policiesFor", () => {
  const active: TActivePolicies = {
    policies: [
      policy("key", {}, { kind: "api_key", apiKeyId: "k1" }),
      policy("wf", {}, { kind: "workflow", workflowId: "w1" }),
      policy("org", {}),
      policy("team-a", {}, { kind: "team", teamId: "a" }),
      policy("team-b", {}, { kind: "team", teamId: "b" }),
      policy("agent", {}, { kind: "agent", agentId: "g1" }),
    ],
    invalid: [invalid("bad-wf", { kind: "workflow", workflowId: "w1" }), invalid("bad-org", { kind: "org" }), invalid("bad-b", { kind: "team", teamId: "b" })],
    loadedAt: 0,
  };

  it("selects the policies whose scope covers the context, broadest first", () => {
    expect(policiesFor(active, { teamId: "a", workflowId: "w1" }).policies.map((p) => p.name)).toEqual(["org", "team-a", "wf"]);
    expect(policiesFor(active, { teamId: "a", apiKeyId: "k1", agentId: "g1" }).policies.map((p) => p.name)).toEqual(["org", "team-a", "agent", "key"]);
    expect(policiesFor(active, { teamId: null }).policies.map((p) => p.name)).toEqual(["org"]);
  });

  it("reports the unreadable policies that cover the context, broadest first, so the caller fails closed", () => {
    expect(policiesFor(active, { teamId: "b", workflowId: "w1" }).invalid.map((p) => p.name)).toEqual(["bad-org", "bad-b", "bad-wf"]);
    expect(policiesFor(active, { teamId: "a" }).invalid.map((p) => p.name)).toEqual(["bad-org"]);
  });
});
