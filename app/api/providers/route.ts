import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZProviderCreate } from "@/server/gateway/provider-kinds.shared";
import { createProvider, listProviders } from "@/server/providers/manage-providers";

export const dynamic = "force-dynamic";

/** Every model provider, credentials masked (organisation admins). */
export const GET = handler(async () => {
  const principal = await requireApi("settings:read");
  return NextResponse.json({ providers: await listProviders(getDb(), principal) });
});

/** Adds a provider `{ kind, name, baseUrl?, isEnabled?, settings?, credentials? }` → 201 { provider }; 400 names each bad field. */
export const POST = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const input = await readJson(req, ZProviderCreate);
  return NextResponse.json({ provider: await createProvider(getDb(), principal, input) }, { status: 201 });
});
