import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { encryptSecret } from "../../crypto/secret-box";
import { createCircuitBreaker, hostBreakerKey } from "../../net/circuit-breaker";
import { OUTBOUND_SETTINGS_KEY } from "../../net/outbound-settings.shared";
import { createRedis, redisKey, type TRedis } from "../../redis/client";
import { NodeError } from "../node-error";
import { ZHttpConfig, type THttpConfigInput, type THttpOutput } from "./definition";
import { execute } from "./execute";
import { sendJson, setOutboundSettings, startStub, toolContext, type TContextOptions, type TStub } from "./test-helpers";

let t: TTestDb;
let redis: TRedis;
let stub: TStub;
let teamId = "";

beforeAll(async () => {
  [t, stub] = await Promise.all([createTestDatabase("toolhttp"), startStub(route)]);
  redis = createRedis();
  teamId = (await t.db.team.create({ data: { slug: "ops", name: "Ops" } })).id;
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all([stub.close(), redis.quit(), t.drop()]);
});
beforeEach(async () => {
  // The stub lives on loopback: allowed explicitly through the real admin setting, per test.
  await setOutboundSettings(t.db, { allowPrivateNetworks: true, allowedHosts: [] });
  await createCircuitBreaker(redis).resetBreaker(hostBreakerKey("127.0.0.1", String(stub.port)));
  stub.requests.length = 0;
});

function route(req: Parameters<Parameters<typeof startStub>[0]>[0], res: Parameters<Parameters<typeof startStub>[0]>[1], body: string) {
  const path = (req.url ?? "").split("?")[0];
  if (path === "/json") return sendJson(res, 200, { hello: "world" }, { "x-request-id": "req-1", "set-cookie": "session=abc" });
  if (path?.startsWith("/orders/")) return sendJson(res, 201, { received: JSON.parse(body) as unknown, query: req.url });
  if (path === "/echo-auth") return sendJson(res, 200, { saw: req.headers.authorization ?? null });
  if (path === "/status/404") return sendJson(res, 404, { error: "no such order" });
  if (path === "/status/429") return sendJson(res, 429, { error: "slow down" }, { "retry-after": "7" });
  if (path === "/status/503") return sendJson(res, 503, { error: "maintenance" });
  if (path === "/text") return res.end("plain words");
  if (path === "/gzip") {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    return res.end(gzipSync(JSON.stringify({ compressed: true })));
  }
  if (path === "/big") {
    res.writeHead(200, { "content-type": "text/plain" });
    return res.end(Buffer.alloc(6 * 1024 * 1024, "a"));
  }
  if (path === "/redirect-away") {
    res.writeHead(302, { location: `http://localhost:${stub.port}/json` });
    return res.end();
  }
  if (path === "/redirect-home") {
    res.writeHead(303, { location: "/json" });
    return res.end();
  }
  // "/slow" and anything else: never answer, so the client has to give up.
}

async function run(input: Partial<THttpConfigInput>, options: Partial<TContextOptions> = {}) {
  const config = ZHttpConfig.parse({ url: `${stub.origin}/json`, ...input });
  const result = await execute(toolContext(config, { db: t.db, redis, teamId, ...options }));
  if (result.kind !== "done") throw new Error("expected a finished step");
  return result.output as THttpOutput;
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => new Error("expected the step to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("tool.http over real HTTP", () => {
  it("GETs JSON and keeps only the useful response headers", async () => {
    const output = await run({});
    expect(output).toMatchObject({ status: 200, body: { hello: "world" } });
    expect(output.headers).toMatchObject({ "content-type": "application/json", "x-request-id": "req-1" });
    expect(output.headers["set-cookie"]).toBeUndefined();
    expect(output.durationMs).toBeGreaterThanOrEqual(0);
    expect(stub.requests[0]?.method).toBe("GET");
  });

  it("POSTs a JSON body built from templates, with a templated URL and query, and the idempotency key", async () => {
    const trigger = { body: { orderId: "A-17", amount: 42.5, note: 'He said "hi"', tags: ["x", "y"] } };
    const ctxOptions = { trigger, nodes: { score: { output: { risk: 0.9 } } } };
    const output = await run(
      {
        method: "POST",
        url: `${stub.origin}/orders/{{ trigger.body.orderId }}`,
        query: { risk: "{{ nodes.score.output.risk }}" },
        body: '{"amount": "{{ trigger.body.amount }}", "note": "Note: {{ trigger.body.note }}", "tags": "{{ trigger.body.tags }}"}',
      },
      ctxOptions,
    );
    expect(output.status).toBe(201);
    expect(output.body).toMatchObject({ received: { amount: 42.5, note: 'Note: He said "hi"', tags: ["x", "y"] }, query: "/orders/A-17?risk=0.9" });
    const received = stub.requests[0];
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers["idempotency-key"]).toMatch(/^run_\w+:call_api::1$/);
    expect(output.request.headers["idempotency-key"]).toBe(received?.headers["idempotency-key"]);

    await run({ method: "POST", url: `${stub.origin}/orders/1`, bodyExpression: '{ "risk": nodes.score.output.risk, "ok": true }' }, ctxOptions);
    expect(JSON.parse(stub.requests[1]?.body ?? "")).toEqual({ risk: 0.9, ok: true });
  });

  it("authenticates with the team's credential and never records the secret", async () => {
    const credential = await t.db.credential.create({
      data: { teamId, name: "api", kind: "bearer", encryptedData: encryptSecret({ token: "very-secret-token-123" }), allowedHosts: ["127.0.0.1"] },
    });
    const output = await run({ url: `${stub.origin}/echo-auth`, credentialId: credential.id });
    expect(stub.requests[0]?.headers.authorization).toBe("Bearer very-secret-token-123");
    expect(output.request.headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(output)).not.toContain("very-secret-token-123");
  });

  it("classifies 4xx as final, 429 and 5xx as retryable, unless told to return the status", async () => {
    const notFound = await failure(run({ url: `${stub.origin}/status/404` }));
    expect(notFound).toMatchObject({ code: "HTTP_4XX", isRetryable: false });
    expect(notFound.message).toBe(`GET ${stub.origin}/status/404 answered 404 Not Found: {"error":"no such order"}`);
    const limited = await failure(run({ url: `${stub.origin}/status/429` }));
    expect(limited).toMatchObject({ code: "RATE_LIMITED", isRetryable: true, details: { retryAfterMs: 7000 } });
    expect(await failure(run({ url: `${stub.origin}/status/503` }))).toMatchObject({ code: "HTTP_5XX", isRetryable: true });
    const output = await run({ url: `${stub.origin}/status/404`, failOnHttpError: false });
    expect(output).toMatchObject({ status: 404, body: { error: "no such order" } });
  });

  it("decodes text and gzip bodies, and refuses bodies over the size cap", async () => {
    expect((await run({ url: `${stub.origin}/text` })).body).toBe("plain words");
    expect((await run({ url: `${stub.origin}/gzip` })).body).toEqual({ compressed: true });
    const tooBig = await failure(run({ url: `${stub.origin}/big` }));
    expect(tooBig).toMatchObject({ code: "INVALID_OUTPUT", isRetryable: false });
    expect(tooBig.message).toContain("is larger than 5 MB");
  });

  it("aborts the request on timeout: the stub sees the connection close", async () => {
    const abandoned = stub.waitForAbandoned("/slow");
    const started = Date.now();
    const error = await failure(run({ url: `${stub.origin}/slow`, timeoutMs: 300 }));
    expect(error).toMatchObject({ code: "TIMEOUT", isRetryable: true });
    expect(error.message).toBe("GET 127.0.0.1:" + stub.port + " did not answer within 300 ms; the request was aborted.");
    expect(Date.now() - started).toBeLessThan(3000);
    await abandoned;
  });

  it("aborts the request when the run is cancelled", async () => {
    const controller = new AbortController();
    const abandoned = stub.waitForAbandoned("/slow");
    setTimeout(() => controller.abort(), 150);
    const error = await failure(run({ url: `${stub.origin}/slow`, timeoutMs: 10_000 }, { signal: controller.signal }));
    expect(error).toMatchObject({ code: "CANCELLED", isRetryable: false });
    await abandoned;
  });

  it("refuses private addresses unless the admin allows them, before any request is sent", async () => {
    await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
    const error = await failure(run({}));
    expect(error).toMatchObject({ code: "POLICY", isRetryable: false });
    expect(error.message).toBe("Requests to private network addresses are blocked (127.0.0.1). An admin can allow them in Settings.");
    // A malformed setting falls back to the strict default instead of opening the network.
    await t.db.systemSetting.update({ where: { key: OUTBOUND_SETTINGS_KEY }, data: { value: { allowPrivateNetworks: "yes" } } });
    expect(await failure(run({}))).toMatchObject({ code: "POLICY" });
    expect(stub.requests).toHaveLength(0);
  });

  it("enforces the node's and the organisation's host allow-lists, on redirects too", async () => {
    expect((await failure(run({ allowedHosts: ["api.example.com"] }))).message).toBe("Host 127.0.0.1 is not in this node's allowed hosts.");
    const redirected = await failure(run({ url: `${stub.origin}/redirect-away`, allowedHosts: ["127.0.0.1"] }));
    expect(redirected.message).toBe("Host localhost is not in this node's allowed hosts.");
    expect((await run({ url: `${stub.origin}/redirect-home`, allowedHosts: ["127.0.0.1"] })).body).toEqual({ hello: "world" });
    await setOutboundSettings(t.db, { allowPrivateNetworks: true, allowedHosts: ["*.example.com"] });
    expect((await failure(run({}))).message).toBe("Host 127.0.0.1 is not in the organisation's allowed hosts (Settings).");
    expect(stub.requests.map((r) => r.path)).toEqual(["/redirect-away", "/redirect-home", "/json"]);
  });

  it("opens the host's circuit after repeated 5xx and then fails fast without calling the stub", async () => {
    for (let i = 0; i < 5; i++) expect((await failure(run({ url: `${stub.origin}/status/503` }))).code).toBe("HTTP_5XX");
    expect(stub.requests).toHaveLength(5);
    const fast = await failure(run({ url: `${stub.origin}/json` }));
    expect(fast).toMatchObject({ code: "CIRCUIT_OPEN", isRetryable: true });
    expect(stub.requests).toHaveLength(5);
    expect(await createCircuitBreaker(redis).getState(hostBreakerKey("127.0.0.1", String(stub.port)))).toMatchObject({ state: "open", failures: 5 });
  });
});
