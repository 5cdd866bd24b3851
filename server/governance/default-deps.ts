// The governance layer's dependencies as the run engine (and later the gateway) uses them: the policy loader, model
// targets, and the budget ledger, over the process's own database and Redis.
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { resolveTarget } from "../gateway/resolve-target";
import { loadActivePolicies, policiesFor } from "../policies/active-policies";
import { prepareSettlement, releaseSpend, reserveSpend, settleSpend } from "../budgets/ledger";
import type { TGovernanceDeps } from "./types";

/** What reads policies and model targets: enough for checks that reserve nothing (publishing). */
export function policyLookups(db: TDb): Pick<TGovernanceDeps, "policiesFor" | "resolveCandidates"> {
  return {
    async policiesFor(ctx) {
      return policiesFor(await loadActivePolicies(db), ctx);
    },
    resolveCandidates: (target, routingKey) => resolveTarget(db, target, { routingKey }),
  };
}

export function governanceDeps(deps: { db: TDb; redis: TRedis }): TGovernanceDeps {
  return {
    ...policyLookups(deps.db),
    reserve: (ctx, costUsd, opts) => reserveSpend(deps, ctx, costUsd, opts),
    settle: (reservation, ctx, actual) => settleSpend(deps, reservation, ctx, actual),
    prepareSettlement: (reservation, ctx, actual) => prepareSettlement(deps, reservation, ctx, actual),
    release: (reservation) => releaseSpend(deps, reservation),
  };
}
