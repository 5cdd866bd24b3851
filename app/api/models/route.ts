import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZModelCreate } from "@/server/models/model-input.shared";
import { createModel } from "@/server/models/manage-models";
import { listModels } from "@/server/settings/list-models";

export const dynamic = "force-dynamic";

/** Every model (enabled or not) with its current prices and price history, newest first. */
export const GET = handler(async () => {
  const principal = await requireApi("settings:read");
  return NextResponse.json({ models: await listModels(getDb(), principal) });
});

/** Adds a model (body: TModelCreate) → 201 { model }; 400 names each bad field, 409 for an id the provider already has. */
export const POST = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const input = await readJson(req, ZModelCreate);
  return NextResponse.json({ model: await createModel(getDb(), principal, input) }, { status: 201 });
});
