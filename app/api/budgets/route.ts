import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { ZBudgetInput } from "@/server/budgets/budget-input.shared";
import { budgetRecord, createBudget } from "@/server/budgets/manage-budgets";
import { getDb } from "@/server/db/client";
import { listBudgets } from "@/server/policies/list-policies";
import { getRedis } from "@/server/redis/client";

export const dynamic = "force-dynamic";

/** The budgets the caller may see, each with its current period's spent (ledger) and reserved (in flight). */
export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json({ budgets: await listBudgets({ db: getDb(), redis: getRedis() }, principal) });
});

/** Creates a budget (body: TBudgetInput) → 201 { budget }; 400 names each bad field, 403 outside the caller's teams. */
export const POST = handler(async (req) => {
  const principal = await requireApi();
  const input = await readJson(req, ZBudgetInput);
  return NextResponse.json({ budget: budgetRecord(await createBudget(getDb(), principal, input)) }, { status: 201 });
});
