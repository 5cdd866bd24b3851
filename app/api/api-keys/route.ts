import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZCreateApiKey } from "@/server/api-keys/api-key.shared";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { createApiKey } from "@/server/api-keys/manage-api-keys";

export const dynamic = "force-dynamic";

// Managing API keys is for people signed in (requireApi() without an action refuses keys): a key could otherwise
// mint keys that outlive its own expiry or revocation.

/** The keys of the teams whose keys the caller manages (prefix, scopes, status; never the secret). */
export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json({ apiKeys: await listApiKeys(getDb(), principal) });
});

/** Creates a key: { name, teamId, scopes, expiresAt? } → 201 { apiKey, secret }. The secret is never shown again. */
export const POST = handler(async (req) => {
  const principal = await requireApi();
  const body = await readJson(req, ZCreateApiKey);
  return NextResponse.json(await createApiKey(getDb(), principal, body), { status: 201 });
});
