import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZPublishDraft } from "@/server/policies/policy-inputs";
import { publishPolicyDraft } from "@/server/policies/publish-policy";

export const dynamic = "force-dynamic";

/** { note, draftUpdatedAt? } → { policy: TPolicyDetail } with the new current version; 409 without a (changed) draft. */
export const POST = handler<{ policyId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ policy: await publishPolicyDraft(getDb(), principal, policyId, await readJson(req, ZPublishDraft)) });
});
