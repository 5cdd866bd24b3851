import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { importWorkflow, ZImportWorkflow } from "@/server/workflows/import-workflow";

/** { teamId, name?, document } → 201 { id, name, problems }; 400 naming the problem (every graph problem in details.problems). */
export const POST = handler(async (req) => {
  const principal = await requireApi("workflow:write");
  return NextResponse.json(await importWorkflow(getDb(), principal, await readJson(req, ZImportWorkflow)), { status: 201 });
});
