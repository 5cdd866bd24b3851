import type { Metadata } from "next";
import { ShieldCheck, Wallet } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { BudgetTable } from "@/components/policies/budget-table";
import { PolicyTable } from "@/components/policies/policy-table";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader, Section } from "@/components/shell/page-header";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { listBudgets, listPolicies } from "@/server/policies/list-policies";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const principal = await requirePage("policy:read");
  const db = getDb();
  const [policies, budgets] = await Promise.all([listPolicies(db, principal), listBudgets(db, principal)]);
  const isAdmin = can(principal, "policy:write");
  return (
    <>
      <PageHeader
        title="Policies"
        description="Guardrails every workflow step and gateway call passes through, and the budgets that cap spend."
      />
      <Section title="Policies" description="Checked before and after each step: models, tools, PII, approvals.">
        {policies.length === 0 ? (
          <EmptyState
            icon={ShieldCheck}
            title="No policies yet"
            description={
              isAdmin
                ? "Add a policy to restrict models, require approvals or redact PII across your teams."
                : "Policies set by your admins will be listed here. Ask an admin to add one."
            }
          />
        ) : (
          <PolicyTable items={policies} />
        )}
      </Section>
      <Section title="Budgets" description="Spend limits per organisation, team, workflow or API key.">
        {budgets.length === 0 ? (
          <EmptyState
            icon={Wallet}
            title="No budgets yet"
            description={
              isAdmin
                ? "Set a budget to warn and stop before spend gets out of hand."
                : "Budgets set by your admins will be listed here."
            }
          />
        ) : (
          <BudgetTable items={budgets} />
        )}
      </Section>
    </>
  );
}
