import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { PolicyEditorPage } from "@/components/policies/editor/policy-editor";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getPolicy } from "@/server/policies/get-policy";
import { ruleOptions } from "@/server/policies/policy-form-options";

export const metadata: Metadata = { title: "Policy" };

export default async function PolicyPage({ params }: PageProps<"/policies/[policyId]">) {
  const principal = await requirePage("policy:read");
  const { policyId } = await params;
  const db = getDb();
  const [policy, options] = await Promise.all([
    getPolicy(db, principal, policyId).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
    ruleOptions(db, principal),
  ]);
  return <PolicyEditorPage initial={policy} options={options} />;
}
