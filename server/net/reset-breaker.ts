// An admin closes a circuit breaker by hand (the provider or host is known to be back). Audited.
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { createCircuitBreaker, type TBreakerInfo } from "./circuit-breaker";
import { principalActor } from "../auth/actor";

export async function resetCircuitBreaker(
  deps: { db: TDb; redis: TRedis },
  principal: TPrincipal,
  key: string,
): Promise<{ before: TBreakerInfo; after: TBreakerInfo }> {
  assertCan(principal, "settings:write");
  const breaker = createCircuitBreaker(deps.redis);
  const before = (await breaker.listBreakers()).find((b) => b.key === key);
  if (!before) {
    throw new AppError("NOT_FOUND", `No circuit breaker ${key} has recorded failures: it may have been reset already.`);
  }
  // The Redis reset runs inside the audit transaction: if it fails nothing is recorded, and the event commits only
  // once the breaker is actually reset.
  await deps.db.$transaction(async (tx) => {
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "engine.breaker_reset",
      resource: { type: "circuit_breaker", id: key },
      data: {
        state: before.state,
        failures: before.failures,
        openedAt: before.openedAt?.toISOString() ?? null,
      },
    });
    await breaker.resetBreaker(key);
  });
  return { before, after: await breaker.getState(key) };
}
