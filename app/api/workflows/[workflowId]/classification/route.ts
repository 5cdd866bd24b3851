import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { setDataClassification, ZDataClassificationChange } from "@/server/workflows/set-data-classification";

/** { dataClassification: "public" | "internal" | "confidential" | "restricted" } */
export const PUT = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZDataClassificationChange);
  return NextResponse.json(await setDataClassification(getDb(), principal, workflowId, body));
});
