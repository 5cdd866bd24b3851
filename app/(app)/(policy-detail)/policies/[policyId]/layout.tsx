import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getPolicy } from "@/server/policies/get-policy";

// The policy editor lives in its own route group, outside the Policies list's loading boundary
// (app/(app)/policies/loading.tsx would wrap it), and checks here, above its own: an unknown policy or one of another
// team is sent as HTTP 404 before streaming starts (see app/(app)/(run-detail)/runs/[runId]/layout.tsx).
export default async function PolicyLayout({ children, params }: { children: ReactNode; params: Promise<{ policyId: string }> }) {
  const principal = await requirePage("policy:read");
  const { policyId } = await params;
  await getPolicy(getDb(), principal, policyId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return children;
}
