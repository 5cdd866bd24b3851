import { hostBreakerKey } from "../../net/circuit-breaker";
import { stepBreaker } from "../step-breaker";
import { assertCredentialMaySendTo } from "../../net/credential-hosts";
import { loadCredentialAuth, NO_AUTH, REDACTED, redactHeaders, redactUrl, type TCredentialAuth } from "../../net/credentials";
import { checkOutboundUrl } from "../../net/outbound-guard";
import { loadOutboundPolicy } from "../../net/outbound-settings";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../net/read-body";
import type { TExecutor } from "../execute-types";
import { NodeError } from "../node-error";
import { buildRequest, type TBuiltRequest } from "./build-request";
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
  const built = await buildRequest(config, { scope: ctx.scope, nodeId: ctx.nodeId, idempotencyKey: ctx.idempotencyKey, auth });
  const request = await governRequest(ctx, built, auth);
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
    body: await ctx.governance.toolResult(
      { kind: "http", host: target.hostname },
      parseResponseBody(result.body, contentType, config.responseType, target.hostname, auth),
    ),
    durationMs,
    request: recorded,
  };
  return { kind: "done", output };
};

/**
 * Policies before the request leaves: tool grants for the host, PII and content rules on its path, query and body
 * (which may come back with placeholders), approval conditions. The destination (scheme, host, port) is where the
 * request goes, not data it carries: it is governed by the tools rule and never redacted. The credential's own query
 * parameters are not policy data either: they are masked in what the policies read and put back after.
 */
async function governRequest(ctx: Parameters<TExecutor<THttpConfig>>[0], built: TBuiltRequest, auth: TCredentialAuth): Promise<TBuiltRequest> {
  const masked = new URL(redactUrl(built.url, auth));
  const path = `${masked.pathname}${masked.search}${masked.hash}`;
  const governed = (await ctx.governance.toolCall({ kind: "http", host: built.url.hostname }, { path, body: built.body ?? null })) as
    | { path: string; body: string | null }
    | undefined;
  if (!governed) return built;
  let next: URL;
  try {
    next = new URL(governed.path, built.url.origin);
  } catch {
    throw new NodeError("POLICY", `Node "${ctx.nodeId}": the request URL holds values a policy redacts, and with them replaced it is no longer a valid URL.`, {
      isRetryable: false,
    });
  }
  for (const name of next.searchParams.keys()) {
    if (Object.hasOwn(auth.query, name) || next.searchParams.get(name) === REDACTED) next.searchParams.set(name, built.url.searchParams.get(name) ?? "");
  }
  return { ...built, url: next, ...(governed.body !== null ? { body: governed.body } : {}) };
}
