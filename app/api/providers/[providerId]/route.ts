import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZProviderPatch } from "@/server/gateway/provider-kinds.shared";
import { deleteProvider, getProvider, updateProvider } from "@/server/providers/manage-providers";

export const dynamic = "force-dynamic";

type TParams = { providerId: string };

/** One provider, credentials masked. */
export const GET = handler<TParams>(async (_req, ctx) => {
  const principal = await requireApi("settings:read");
  const { providerId } = await ctx.params;
  return NextResponse.json({ provider: await getProvider(getDb(), principal, providerId) });
});

/** Changes `{ name?, baseUrl?, isEnabled?, settings?, credentials? }` (the kind stays) → { provider }. */
export const PATCH = handler<TParams>(async (req, ctx) => {
  const principal = await requireApi("settings:write");
  const { providerId } = await ctx.params;
  const input = await readJson(req, ZProviderPatch);
  return NextResponse.json({ provider: await updateProvider(getDb(), principal, providerId, input) });
});

/** Deletes an unused provider → { isDeleted: true }; 409 with `details.usage` when models, routes or workflows use it. */
export const DELETE = handler<TParams>(async (_req, ctx) => {
  const principal = await requireApi("settings:write");
  const { providerId } = await ctx.params;
  await deleteProvider(getDb(), principal, providerId);
  return NextResponse.json({ isDeleted: true });
});
