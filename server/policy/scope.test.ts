import { describe, expect, it } from "vitest";
import { selectPolicies } from "./scope";
import { policy } from "./policies.test-helper";

describe("selectPolicies", () => {
  it("keeps the policies whose scope covers the context, broadest first", () => {
    const policies = [
      policy("Key", {}, { kind: "api_key", apiKeyId: "k1" }),
      policy("Workflow", {}, { kind: "workflow", workflowId: "wf-1" }),
      policy("Other team", {}, { kind: "team", teamId: "team-care" }),
      policy("Team", {}, { kind: "team", teamId: "team-risk" }),
      policy("Org", {}),
      policy("Agent", {}, { kind: "agent", agentId: "a1" }),
    ];
    expect(selectPolicies(policies, { teamId: "team-risk", workflowId: "wf-1", apiKeyId: "k1" }).map((p) => p.name)).toEqual([
      "Org",
      "Team",
      "Workflow",
      "Key",
    ]);
    expect(selectPolicies(policies, { teamId: null }).map((p) => p.name)).toEqual(["Org"]);
  });
});
