import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { listBudgetAlertNotices } from "@/server/budgets/budget-alert-notices";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";

export const dynamic = "force-dynamic";

/**
 * The current period's threshold alerts of the budgets the caller may see, less those they dismissed, newest first →
 * { timeZone, notices }.
 */
export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json(await listBudgetAlertNotices({ db: getDb(), redis: getRedis() }, principal));
});
