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
import { getRedis } from "@/server/redis/client";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const principal = await requirePage("policy:read");
  const db = getDb();
  const [policies, budgets] = await Promise.all([listPolicies(db, principal), listBudgets({ db, redis: getRedis() }, principal)]);
  const isAdmin = can(principal, "policy:write");
  return (
    <>
      <PageHeader
        title="Policies"
        description="The policies and budgets recorded for your teams. This version lists them only: the engine does not check them before steps or model calls, and a budget does not stop spend, whatever its limit says."
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
      <Section title="Budgets" description="Spend limits recorded per organisation, team, workflow or API key. Not enforced in this version.">
        {budgets.length === 0 ? (
          <EmptyState
            icon={Wallet}
            title="No budgets yet"
            description={
              isAdmin
                ? "This version has no budget editor; budgets listed here come from the demo seed or the database."
                : "Budgets recorded by your admins are listed here."
            }
          />
        ) : (
          <BudgetTable items={budgets} />
        )}
      </Section>
    </>
  );
}
