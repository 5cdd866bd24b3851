import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { deletePolicy, updatePolicy } from "@/server/policies/edit-policy";
import { getPolicy } from "@/server/policies/get-policy";
import { ZUpdatePolicy } from "@/server/policies/policy-inputs";

export const dynamic = "force-dynamic";

/** → { policy: TPolicyDetail }; 404 for a policy the caller cannot see. */
export const GET = handler<{ policyId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ policy: await getPolicy(getDb(), principal, policyId) });
});

/** { name?, description?, isEnabled? } → { policy: TPolicyDetail }. */
export const PATCH = handler<{ policyId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ policy: await updatePolicy(getDb(), principal, policyId, await readJson(req, ZUpdatePolicy)) });
});

/** Deletes a disabled policy and its versions → { id, isDeleted: true }; 409 while it is enabled. */
export const DELETE = handler<{ policyId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json(await deletePolicy(getDb(), principal, policyId));
});
