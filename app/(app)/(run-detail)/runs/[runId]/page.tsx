import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { RunDetailView } from "@/components/run-detail/run-detail-view";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getRun } from "@/server/runs/get-run";

export const metadata: Metadata = { title: "Run" };

export default async function RunDetailPage({ params }: PageProps<"/runs/[runId]">) {
  const principal = await requirePage("run:read");
  const { runId } = await params;
  const run = await getRun(getDb(), principal, runId).catch((error: unknown) => {
    // Unknown and unreadable runs look the same: a 404 page.
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <RunDetailView initialRun={run} />;
}
