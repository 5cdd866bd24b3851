import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { discardPolicyDraft, savePolicyDraft } from "@/server/policies/policy-draft";
import { ZSaveDraft } from "@/server/policies/policy-inputs";

export const dynamic = "force-dynamic";

/** { document } → { policy: TPolicyDetail }; 400 with `issues: [{ path, message }]` for an invalid document. */
export const PUT = handler<{ policyId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ policy: await savePolicyDraft(getDb(), principal, policyId, await readJson(req, ZSaveDraft)) });
});

/** Discards the draft → { policy: TPolicyDetail }. */
export const DELETE = handler<{ policyId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ policy: await discardPolicyDraft(getDb(), principal, policyId) });
});
