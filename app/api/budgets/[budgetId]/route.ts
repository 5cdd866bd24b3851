import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { ZBudgetInput } from "@/server/budgets/budget-input.shared";
import { budgetRecord, deleteBudget, updateBudget } from "@/server/budgets/manage-budgets";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Replaces the budget's fields (body: a whole TBudgetInput) → { budget }; 404 for a budget the caller cannot see. */
export const PUT = handler<{ budgetId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { budgetId } = await ctx.params;
  const input = await readJson(req, ZBudgetInput);
  return NextResponse.json({ budget: budgetRecord(await updateBudget(getDb(), principal, budgetId, input)) });
});

/** Deletes the budget → { isDeleted: true }; its ledger rows stay. */
export const DELETE = handler<{ budgetId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { budgetId } = await ctx.params;
  await deleteBudget(getDb(), principal, budgetId);
  return NextResponse.json({ isDeleted: true });
});
