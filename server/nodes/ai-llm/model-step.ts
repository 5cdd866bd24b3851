import { callModel, type TCallModelInput, type TCallModelResult } from "../../gateway/call-model";
import type { TModelTarget } from "../../gateway/resolve-target";
import { stepBreaker } from "../step-breaker";
import type { TExecuteContext } from "../execute-types";
import type { TModelRef } from "./definition";

// How AI nodes call a model from a step: through the provider layer, with the providers' shared circuit breakers,
// the step's abort signal, and the idempotency key as routing key (a resumed step picks the same weighted target).

export function modelTarget(ref: TModelRef): TModelTarget {
  return ref.kind === "route" ? { routeName: ref.routeName } : { modelId: ref.modelId };
}

export type TStepModelCall = Pick<TCallModelInput, "messages" | "temperature" | "maxTokens" | "responseFormat"> & {
  model: TModelRef;
};

export function callModelForStep(ctx: TExecuteContext<unknown>, call: TStepModelCall): Promise<TCallModelResult> {
  const { services } = ctx;
  const breaker = stepBreaker(ctx);
  return callModel(
    { db: services.db, guard: (key, fn) => breaker.guard(key, fn) },
    {
      target: modelTarget(call.model),
      messages: call.messages,
      temperature: call.temperature,
      maxTokens: call.maxTokens,
      responseFormat: call.responseFormat,
      signal: ctx.signal,
      teamId: ctx.scope.run.teamId,
      routingKey: ctx.idempotencyKey,
      attempt: ctx.attempt,
    },
  );
}
