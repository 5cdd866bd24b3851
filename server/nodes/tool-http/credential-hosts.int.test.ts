import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { encryptSecret, type TJsonSecret } from "../../crypto/secret-box";
import { createRedis, redisKey, type TRedis } from "../../redis/client";
import { NodeError } from "../node-error";
import { ZHttpConfig, type THttpConfigInput, type THttpOutput } from "./definition";
import { execute } from "./execute";
import { sendJson, setOutboundSettings, startStub, toolContext, type TStub } from "./test-helpers";

// A credential goes only to the hosts it is bound to. The loopback stub answers as 127.0.0.1 and as localhost, two
// different hosts of one server, so "sent elsewhere" is observable: the stub records every request it receives.

let t: TTestDb;
let redis: TRedis;
let stub: TStub;
let teamId = "";

beforeAll(async () => {
  [t, stub] = await Promise.all([
    createTestDatabase("credhosts"),
    startStub((req, res) => {
      const url = new URL(req.url ?? "/", "http://stub");
      if (url.pathname === "/echo") return sendJson(res, 200, { authorization: req.headers.authorization ?? null, query: url.search });
      if (url.pathname === "/away") {
        // Sends the client elsewhere with the query it came with, as some APIs do.
        res.writeHead(307, { location: `http://localhost:${stub.port}/echo${url.search}` });
        return res.end();
      }
      if (url.pathname === "/home") {
        res.writeHead(302, { location: `/echo${url.search}` });
        return res.end();
      }
      return sendJson(res, 404, {});
    }),
  ]);
  redis = createRedis();
  teamId = (await t.db.team.create({ data: { slug: "ops", name: "Ops" } })).id;
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all([stub.close(), redis.quit(), t.drop()]);
});
beforeEach(async () => {
  await setOutboundSettings(t.db, { allowPrivateNetworks: true, allowedHosts: [] });
  stub.requests.length = 0;
});

let count = 0;
async function credential(kind: "bearer" | "api_key_query", data: TJsonSecret, allowedHosts: string[], name = `cred-${++count}`) {
  const row = await t.db.credential.create({ data: { teamId, name, kind, encryptedData: encryptSecret(data), allowedHosts } });
  return row.id;
}

async function run(input: Partial<THttpConfigInput>) {
  const result = await execute(toolContext(ZHttpConfig.parse(input), { db: t.db, redis, teamId }));
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

const localhost = () => `http://localhost:${stub.port}`;

describe("credentials bound to hosts", () => {
  it("sends a credential to the host it is bound to, on any port", async () => {
    const id = await credential("bearer", { token: "bound-token-0001" }, ["127.0.0.1"]);
    expect((await run({ url: `${stub.origin}/echo`, credentialId: id })).status).toBe(200);
    expect(stub.requests[0]?.headers.authorization).toBe("Bearer bound-token-0001");
  });

  it("refuses another host before any connection, naming the credential and both hosts", async () => {
    const id = await credential("bearer", { token: "bound-token-0002" }, ["127.0.0.1"], "billing-api");
    const error = await failure(run({ url: `${localhost()}/echo`, credentialId: id }));
    expect(error).toMatchObject({ code: "POLICY", isRetryable: false });
    expect(error.message).toBe('Credential "billing-api" may only be sent to 127.0.0.1; this request goes to localhost.');
    expect(stub.requests).toHaveLength(0);
  });

  it("refuses a credential without allowed hosts, and says where they are set", async () => {
    const id = await credential("bearer", { token: "unbound-token-0003" }, [], "legacy-api");
    const error = await failure(run({ url: `${stub.origin}/echo`, credentialId: id }));
    expect(error).toMatchObject({ code: "POLICY", isRetryable: false });
    expect(error.message).toBe(
      'Credential "legacy-api" has no allowed hosts, so it may not be sent anywhere (this request goes to 127.0.0.1). ' +
        "A credential's allowed hosts are set when it is created; Baton has no page to edit credentials yet, so an operator must set them.",
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("follows a redirect to another host without the credential, header or query parameter", async () => {
    const bearer = await credential("bearer", { token: "bound-token-0004" }, ["127.0.0.1"]);
    expect((await run({ url: `${stub.origin}/away`, credentialId: bearer })).body).toEqual({ authorization: null, query: "" });
    const keyed = await credential("api_key_query", { param: "key", value: "query-key-0005" }, ["127.0.0.1"]);
    const output = await run({ url: `${stub.origin}/away?page=2`, credentialId: keyed });
    expect(output.body).toEqual({ authorization: null, query: "?page=2" });
    const sentToLocalhost = stub.requests.filter((r) => r.headers.host?.startsWith("localhost"));
    expect(sentToLocalhost).toHaveLength(2);
    expect(JSON.stringify(sentToLocalhost)).not.toMatch(/bound-token-0004|query-key-0005/);
  });

  it("keeps the credential on a redirect within the same origin", async () => {
    const id = await credential("api_key_query", { param: "key", value: "query-key-0006" }, ["127.0.0.1"]);
    expect((await run({ url: `${stub.origin}/home`, credentialId: id })).status).toBe(200);
    expect(stub.requests.map((r) => r.path)).toEqual(["/home?key=query-key-0006", "/echo?key=query-key-0006"]);
  });
});
