import { callModel, type TCallModelInput, type TCallModelResult } from "../../gateway/call-model";
import type { TModelTarget } from "../../gateway/resolve-target";
import { stepBreaker } from "../step-breaker";
import type { TExecuteContext } from "../execute-types";
import type { TModelRef } from "./definition";

// How AI nodes call a model from a step: through the step's governance (server/governance/), then the provider layer,
// with the providers' shared circuit breakers, the step's abort signal, and the idempotency key as routing key (a
// resumed step picks the same weighted target).

export function modelTarget(ref: TModelRef): TModelTarget {
  return ref.kind === "route" ? { routeName: ref.routeName } : { modelId: ref.modelId };
}

export type TStepModelCall = Pick<TCallModelInput, "messages" | "temperature" | "maxTokens" | "responseFormat"> & {
  model: TModelRef;
};

export function callModelForStep(ctx: TExecuteContext<unknown>, call: TStepModelCall): Promise<TCallModelResult> {
  const { services } = ctx;
  const breaker = stepBreaker(ctx);
  const target = modelTarget(call.model);
  const params = {
    ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
    ...(call.maxTokens !== undefined ? { maxTokens: call.maxTokens } : {}),
    ...(call.responseFormat ? { responseFormat: call.responseFormat } : {}),
  };
  // Every model call of a step goes through the step's governance: policies before and after, the budget
  // reservation, redaction; it hands over the targets the policies allow and the messages that may leave.
  return ctx.governance.modelCall(
    { target, messages: call.messages, maxTokens: call.maxTokens, params, routingKey: ctx.idempotencyKey },
    ({ candidates, messages }) =>
      callModel(
        { db: services.db, guard: (key, fn) => breaker.guard(key, fn) },
        {
          target,
          candidates,
          messages,
          temperature: call.temperature,
          maxTokens: call.maxTokens,
          responseFormat: call.responseFormat,
          signal: ctx.signal,
          teamId: ctx.scope.run.teamId,
          routingKey: ctx.idempotencyKey,
          attempt: ctx.attempt,
          // One retry layer: a node with retries of its own is retried by the engine, not also inside the call.
          ...(ctx.hasStepRetries ? { maxRetries: 0 } : {}),
        },
      ),
  );
}
