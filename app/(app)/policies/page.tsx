import type { Metadata } from "next";
import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { BudgetAlertNotices } from "@/components/budgets/budget-alert-notices";
import { BudgetSection } from "@/components/policies/budget-section";
import { NewPolicyButton } from "@/components/policies/new-policy-button";
import { PolicyTable } from "@/components/policies/policy-table";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader, Section } from "@/components/shell/page-header";
import { can } from "@/server/auth/permissions";
import { listBudgetAlertNotices } from "@/server/budgets/budget-alert-notices";
import { budgetFormOptions } from "@/server/budgets/budget-form-options";
import { getDb } from "@/server/db/client";
import { listBudgets, listPolicies } from "@/server/policies/list-policies";
import { newPolicyOptions } from "@/server/policies/policy-form-options";
import { getRedis } from "@/server/redis/client";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const principal = await requirePage("policy:read");
  const db = getDb();
  const ledger = { db, redis: getRedis() };
  const [policies, budgets, options, policyOptions, alerts] = await Promise.all([
    listPolicies(db, principal),
    listBudgets(ledger, principal),
    budgetFormOptions(db, principal),
    newPolicyOptions(db, principal),
    listBudgetAlertNotices(ledger, principal),
  ]);
  const { timeZone } = alerts;
  const canCreate = policyOptions.canWriteOrg || policyOptions.teams.length > 0;
  return (
    <>
      <PageHeader
        title="Policies"
        description="The policies and budgets of your teams. Before every model call and every HTTP or MCP call of a step, the engine evaluates the enabled policies that cover it and reserves the projected cost on the budgets that cover it; the call is allowed, redacted, held for approval in the Inbox or blocked, and the decision is kept on the step and in the audit trail."
      />
      <BudgetAlertNotices {...alerts} />
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
        description={
          <>
            Spend limits per organisation, team, workflow, API key, agent or person, per calendar day, week (from Monday) or month. Spent is the usage
            ledger&apos;s sum for the current period, with what model calls in flight have reserved under it.
          </>
        }
      >
        <p className="mb-3 text-sm text-slate-600">
          Periods start at midnight in the organisation&apos;s time zone, <span className="font-medium text-slate-900">{timeZone}</span>, and the dates
          below are in it.
          {can(principal, "settings:write") ? (
            <>
              {" "}
              <Link href="/settings/organisation" className="font-medium text-brand-700 hover:underline">
                Change it in Settings → Organisation
              </Link>
              .
            </>
          ) : null}
        </p>
        <BudgetSection items={budgets} options={options} timeZone={timeZone} />
      </Section>
    </>
  );
}
