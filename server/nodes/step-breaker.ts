import { breakerOptionsFor } from "../net/breaker-settings";
import { createCircuitBreaker } from "../net/circuit-breaker";
import type { TExecuteContext } from "./execute-types";

/**
 * The circuit breakers as a step uses them (HTTP, MCP, AI nodes): each key with the thresholds configured for it in
 * Settings → Engine; a breaker sample that cannot be recorded is logged, never fails the call.
 */
export function stepBreaker(ctx: Pick<TExecuteContext<unknown>, "services" | "nodeId" | "runId">) {
  const { services } = ctx;
  return createCircuitBreaker(
    services.redis,
    {},
    (error, key) => services.log.warn({ err: error, key, nodeId: ctx.nodeId, runId: ctx.runId }, "circuit breaker could not record an outcome"),
    (key) => breakerOptionsFor(services.db, key),
  );
}
