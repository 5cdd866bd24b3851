import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { createWorkflow, ZCreateWorkflow } from "@/server/workflows/create-workflow";

export const POST = handler(async (req) => {
  const principal = await requireApi("workflow:write");
  const body = await readJson(req, ZCreateWorkflow);
  const workflow = await createWorkflow(getDb(), principal, body);
  return NextResponse.json({ workflow: { id: workflow.id, name: workflow.name, draftRevision: workflow.draftRevision } }, { status: 201 });
});
