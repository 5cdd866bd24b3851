import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { dismissBudgetAlert } from "@/server/budgets/budget-alert-notices";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Hides one alert from the caller's own notices → { id, isDismissed: true }; 404 for an alert they cannot see. */
export const POST = handler<{ alertId: string }>(async (_req, { params }) => {
  const principal = await requireApi();
  const { alertId } = await params;
  return NextResponse.json(await dismissBudgetAlert(getDb(), principal, alertId));
});
