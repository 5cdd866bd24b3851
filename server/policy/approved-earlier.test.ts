import { describe, expect, it } from "vitest";
import { coveringApprovals, holdsOf, type TGivenApproval } from "./approved-earlier";
import { evaluatePre } from "./evaluate";
import { policy, preInput } from "./policies.test-helper";
import type { TResolvedPolicy } from "./scope";

const big = { conditionScope: { trigger: { body: { amount: 20_000 } } } };

async function asked(policies: TResolvedPolicy[], extra: Parameters<typeof preInput>[0] = {}) {
  return (await evaluatePre(preInput({ ...big, ...extra }), policies)).rules;
}

/** What approving a call held with these rules gives later calls. */
async function approvedFor(policies: TResolvedPolicy[], extra: Parameters<typeof preInput>[0] = {}, projectedCostUsd?: string): Promise<TGivenApproval> {
  return { holds: holdsOf(await asked(policies, extra), policies), projectedCostUsd };
}

describe("approved earlier in the run (approvalWhen.per)", () => {
  const perRun = policy("Large amounts", { approvalWhen: { condition: "trigger.body.amount > 10000" } });

  it("holdsOf: what an approval holds, by policy version, with each criterion", async () => {
    const p = policy("Large amounts", { approvalWhen: { condition: "trigger.body.amount > 10000", piiTypes: ["email", "phone"], per: "call" } });
    const rules = await asked([p], { payload: "mail jane@example.com or +1 415 555 0132" });
    expect(holdsOf(rules, [p])).toEqual([{ policyId: p.id, policyVersion: 1, per: "call", criteria: ["condition", "pii:email", "pii:phone"] }]);
    expect(holdsOf(await asked([perRun]), [perRun])[0]!.per).toBe("run");
  });

  it('"run" (also when the document does not say): the same criteria of the same policy version are covered', async () => {
    const given = [await approvedFor([perRun])];
    expect(coveringApprovals(await asked([perRun]), [perRun], given)).toEqual(given);
  });

  it('"call", another version, or no approval given: not covered', async () => {
    const perCall = policy("Large amounts", { approvalWhen: { condition: "trigger.body.amount > 10000", per: "call" } });
    expect(coveringApprovals(await asked([perCall]), [perCall], [await approvedFor([perCall])])).toBeNull();
    const v2 = policy("Large amounts", { approvalWhen: { condition: "trigger.body.amount > 10000" } }, { kind: "org" }, 2);
    expect(coveringApprovals(await asked([v2]), [v2], [await approvedFor([perRun])])).toBeNull();
    expect(coveringApprovals(await asked([perRun]), [perRun], [])).toBeNull();
  });

  it("a criterion the approver did not see asks again: another PII type, a condition that could not be evaluated", async () => {
    const p = policy("Mixed", { approvalWhen: { condition: "trigger.body.amount > 10000", piiTypes: ["email", "phone"] } });
    const given = [await approvedFor([p], { payload: "jane@example.com" })];
    expect(coveringApprovals(await asked([p], { payload: "john@example.com" }), [p], given)).toEqual(given);
    expect(coveringApprovals(await asked([p], { payload: "+1 415 555 0132" }), [p], given)).toBeNull();
    const failing = policy("Failing", { approvalWhen: { condition: "$number(trigger.body.amount) > 1" } });
    const evaluable = [{ holds: [{ policyId: failing.id, policyVersion: 1, per: "run" as const, criteria: ["condition"] }] }];
    expect(coveringApprovals(await asked([failing], { conditionScope: { trigger: { body: { amount: "x" } } } }), [failing], evaluable)).toBeNull();
  });

  it("a projected cost is covered up to the cost the approval was asked for", async () => {
    const p = policy("Costly", { approvalWhen: { projectedCostOverUsd: "1" } });
    const given = [await approvedFor([p], { projected: { costUsd: "2.5" } }, "2.5")];
    expect(coveringApprovals(await asked([p], { projected: { costUsd: "2.5" } }), [p], given, "2.5")).toEqual(given);
    expect(coveringApprovals(await asked([p], { projected: { costUsd: "2.50000001" } }), [p], given, "2.50000001")).toBeNull();
  });

  it("several policies asking: covered only when every one is, possibly by different approvals; content rules never", async () => {
    const other = policy("Agents", { approvalWhen: { condition: "trigger.body.amount > 5000" } });
    const first = await approvedFor([perRun]);
    const second = await approvedFor([other]);
    const both = await asked([perRun, other]);
    expect(coveringApprovals(both, [perRun, other], [first])).toBeNull();
    expect(coveringApprovals(both, [perRun, other], [first, second])).toEqual([first, second]);
    const content = policy("Content", { content: { blockedTerms: ["zeus"], action: "require_approval" } });
    const withContent = await asked([perRun, content], { payload: "zeus" });
    expect(coveringApprovals(withContent, [perRun, content], [first])).toBeNull();
  });
});
