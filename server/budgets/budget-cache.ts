// Every budget, read at most once a second per process: every model call asks which budgets cover it, and the table is
// small (budgets are made by people). The budget CRUD calls invalidateBudgetCache, so a change applies at once in the
// process that made it and within BUDGET_CACHE_TTL_MS in the others.
import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";

export const BUDGET_CACHE_TTL_MS = 1000;

type TEntry = { at: number; value: Promise<Budget[]> };
const caches = new WeakMap<object, TEntry>();

export function allBudgets(db: TDb): Promise<Budget[]> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < BUDGET_CACHE_TTL_MS) return hit.value;
  const value = db.budget.findMany({ orderBy: { id: "asc" } });
  const entry = { at: Date.now(), value };
  caches.set(db, entry);
  // A failed read must not be served from the cache.
  value.catch(() => caches.get(db) === entry && caches.delete(db));
  return value;
}

/** Forgets this process's copy: the next call reads the table. */
export function invalidateBudgetCache(db: TDb): void {
  caches.delete(db);
}
