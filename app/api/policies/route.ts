import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { createPolicy } from "@/server/policies/create-policy";
import { listPolicies } from "@/server/policies/list-policies";
import { ZCreatePolicy } from "@/server/policies/policy-inputs";

export const dynamic = "force-dynamic";

/** The policies the caller may read → { policies: TPolicyListItem[] }. */
export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json({ policies: await listPolicies(getDb(), principal) });
});

/** { name, description?, scope: { kind, targetId? } } → 201 { policy: TPolicyDetail }. */
export const POST = handler(async (req) => {
  const principal = await requireApi();
  const policy = await createPolicy(getDb(), principal, await readJson(req, ZCreatePolicy));
  return NextResponse.json({ policy }, { status: 201 });
});
