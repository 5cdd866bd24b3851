import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { BudgetSection } from "@/components/policies/budget-section";
import { PolicyTable } from "@/components/policies/policy-table";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader, Section } from "@/components/shell/page-header";
import { can } from "@/server/auth/permissions";
import { budgetFormOptions } from "@/server/budgets/budget-form-options";
import { orgTimeZone } from "@/server/budgets/org-time-zone";
import { getDb } from "@/server/db/client";
import { listBudgets, listPolicies } from "@/server/policies/list-policies";
import { getRedis } from "@/server/redis/client";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const principal = await requirePage("policy:read");
  const db = getDb();
  const [policies, budgets, options, timeZone] = await Promise.all([
    listPolicies(db, principal),
    listBudgets({ db, redis: getRedis() }, principal),
    budgetFormOptions(db, principal),
    orgTimeZone(db),
  ]);
  const isAdmin = can(principal, "policy:write");
  return (
    <>
      <PageHeader
        title="Policies"
        description="The policies and budgets of your teams. The engine does not check them before steps or model calls yet: no policy is enforced and no budget stops a call in this version. Budgets are measured against the usage ledger, which so far holds only the calls recorded before it existed and the generated demo history."
      />
      <Section title="Policies" description="What each policy is meant to govern (models, tools, PII, approvals). Not enforced in this version.">
        {policies.length === 0 ? (
          <EmptyState
            icon={ShieldCheck}
            title="No policies yet"
            description={
              isAdmin
                ? "This version has no policy editor; policies listed here come from the demo seed or the database."
                : "Policies recorded by your admins are listed here."
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
