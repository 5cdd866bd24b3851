import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZModelPatch } from "@/server/models/model-input.shared";
import { deleteModel, updateModel } from "@/server/models/manage-models";
import { getModel } from "@/server/settings/list-models";

export const dynamic = "force-dynamic";

type TParams = { modelId: string };

/** One model with its price history → { model }. */
export const GET = handler<TParams>(async (_req, ctx) => {
  const principal = await requireApi("settings:read");
  const { modelId } = await ctx.params;
  return NextResponse.json({ model: await getModel(getDb(), principal, modelId) });
});

/** Changes the fields given (body: TModelPatch) → { model }; a price change starts a new price-history row. */
export const PATCH = handler<TParams>(async (req, ctx) => {
  const principal = await requireApi("settings:write");
  const { modelId } = await ctx.params;
  const input = await readJson(req, ZModelPatch);
  return NextResponse.json({ model: await updateModel(getDb(), principal, modelId, input) });
});

/** Deletes a model nothing uses → { isDeleted: true }; 409 with details.usedBy otherwise. */
export const DELETE = handler<TParams>(async (_req, ctx) => {
  const principal = await requireApi("settings:write");
  const { modelId } = await ctx.params;
  await deleteModel(getDb(), principal, modelId);
  return NextResponse.json({ isDeleted: true });
});
