import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { findReadableRun } from "@/server/runs/get-run";

// The run detail lives in its own route group, outside the runs list's loading boundary (app/(app)/runs/loading.tsx
// would wrap it), and checks here, above its own: an unknown run or one of another team is sent as HTTP 404 (and a
// person without run:read gets 403) before streaming starts. Inside a boundary, notFound() could only render the 404
// page with status 200. The page loads the run and checks again.
export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ runId: string }> }) {
  const principal = await requirePage("run:read");
  const { runId } = await params;
  await findReadableRun(getDb(), principal, runId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return children;
}
