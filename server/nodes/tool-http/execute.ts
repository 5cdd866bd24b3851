import { hostBreakerKey } from "../../net/circuit-breaker";
import { stepBreaker } from "../step-breaker";
import { assertCredentialMaySendTo } from "../../net/credential-hosts";
import { loadCredentialAuth, NO_AUTH, redactHeaders, redactUrl } from "../../net/credentials";
import { checkOutboundUrl } from "../../net/outbound-guard";
import { loadOutboundPolicy } from "../../net/outbound-settings";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../net/read-body";
import type { TExecutor } from "../execute-types";
import { NodeError } from "../node-error";
import { buildRequest } from "./build-request";
import type { THttpConfig, THttpOutput } from "./definition";
import { exchange } from "./exchange";
import { breakerOutcomeOf, httpStatusError, parseResponseBody, selectHeaders } from "./response";

// HTTP request node. Order matters: everything that can fail without touching the network (templates, credential and
// the hosts it may go to, allow-list, private-address check) runs first and never counts against the host's circuit breaker; the exchange
// itself runs inside the breaker, aborted by the node's timeout or the run's cancellation.

export const execute: TExecutor<THttpConfig> = async (ctx) => {
  const { config, services } = ctx;
  const auth = config.credentialId
    ? await loadCredentialAuth(services.db, { credentialId: config.credentialId, teamId: ctx.scope.run.teamId })
    : NO_AUTH;
  const request = await buildRequest(config, { scope: ctx.scope, nodeId: ctx.nodeId, idempotencyKey: ctx.idempotencyKey, auth });
  const recorded = { method: request.method, url: redactUrl(request.url, auth), headers: redactHeaders(request.headers, auth) };
  assertCredentialMaySendTo(auth, request.url);
  const policy = await loadOutboundPolicy(services.db, config.allowedHosts);
  const target = await checkOutboundUrl(request.url, policy);

  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  const breaker = stepBreaker(ctx);
  const started = performance.now();
  let result;
  try {
    result = await breaker.guard(
      hostBreakerKey(target.hostname, new URL(request.url).port),
      () => exchange(request, target, { policy, signal, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES, followRedirects: config.followRedirects, auth }),
      { classifyResult: (r) => breakerOutcomeOf(r.status) },
    );
  } catch (error) {
    if (error instanceof NodeError && error.code === "TIMEOUT" && timeout.aborted) {
      throw new NodeError("TIMEOUT", `${request.method} ${target.url.host} did not answer within ${config.timeoutMs} ms; the request was aborted.`, {
        isRetryable: true,
        details: { timeoutMs: config.timeoutMs },
      });
    }
    throw error;
  }
  const durationMs = Math.round(performance.now() - started);
  services.log.debug({ runId: ctx.runId, nodeId: ctx.nodeId, request: recorded, status: result.status, durationMs }, "http request");

  if (config.failOnHttpError) {
    const failure = httpStatusError({ ...result, method: request.method, url: redactUrl(result.url, auth) }, auth);
    if (failure) throw failure;
  }
  const contentType = String(result.headers["content-type"] ?? "");
  const output: THttpOutput = {
    status: result.status,
    headers: selectHeaders(result.headers),
    body: parseResponseBody(result.body, contentType, config.responseType, target.hostname, auth),
    durationMs,
    request: recorded,
  };
  return { kind: "done", output };
};
