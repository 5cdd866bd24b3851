import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { listTemplates } from "@/server/workflows/templates";

/** The template gallery, without graphs: → { templates: [{ key, name, description, category, tags, nodeCount, triggerType }] }. */
export const GET = handler(async () => {
  await requireApi("workflow:read");
  return NextResponse.json({ templates: listTemplates() });
});
