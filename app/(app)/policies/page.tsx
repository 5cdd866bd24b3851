import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { BudgetSection } from "@/components/policies/budget-section";
import { NewPolicyButton } from "@/components/policies/new-policy-button";
import { PolicyTable } from "@/components/policies/policy-table";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader, Section } from "@/components/shell/page-header";
import { budgetFormOptions } from "@/server/budgets/budget-form-options";
import { orgTimeZone } from "@/server/budgets/org-time-zone";
import { getDb } from "@/server/db/client";
import { listBudgets, listPolicies } from "@/server/policies/list-policies";
import { newPolicyOptions } from "@/server/policies/policy-form-options";
import { getRedis } from "@/server/redis/client";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const principal = await requirePage("policy:read");
  const db = getDb();
  const [policies, budgets, options, policyOptions, timeZone] = await Promise.all([
    listPolicies(db, principal),
    listBudgets({ db, redis: getRedis() }, principal),
    budgetFormOptions(db, principal),
    newPolicyOptions(db, principal),
    orgTimeZone(db),
  ]);
  const canCreate = policyOptions.canWriteOrg || policyOptions.teams.length > 0;
  return (
    <>
      <PageHeader
        title="Policies"
        description="The policies and budgets of your teams. Before every model call and every HTTP or MCP call of a step, the engine evaluates the enabled policies that cover it and reserves the projected cost on the budgets that cover it; the call is allowed, redacted, held for approval in the Inbox or blocked, and the decision is kept on the step and in the audit trail."
      />
      <Section
        title="Policies"
        description="Each applies to the organisation, a team, a workflow, an agent or an API key. Every enabled policy that covers a call is checked on its own, so a more specific one can only narrow what a broader one allows."
      >
        {canCreate ? (
          <div className="mb-3 flex justify-end">
            <NewPolicyButton options={policyOptions} />
          </div>
        ) : null}
        {policies.length === 0 ? (
          <EmptyState
            icon={ShieldCheck}
            title="No policies yet"
            description={
              canCreate
                ? "Create one to choose which models may run, which personal data is redacted, which calls wait for approval and what is recorded."
                : "Policies your admins write are listed here."
            }
          />
        ) : (
          <PolicyTable items={policies} />
        )}
      </Section>
      <Section
        title="Budgets"
        description={`Spend limits per organisation, team, workflow, API key, agent or person, per calendar day, week (from Monday) or month in the organisation's time zone (${timeZone}). Spent is the usage ledger's sum for the current period; reserved, the model calls in flight.`}
      >
        <BudgetSection items={budgets} options={options} timeZone={timeZone} />
      </Section>
    </>
  );
}
