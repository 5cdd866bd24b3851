import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { encryptSecret } from "../../crypto/secret-box";
import { createCircuitBreaker, hostBreakerKey } from "../../net/circuit-breaker";
import { createRedis, redisKey, type TRedis } from "../../redis/client";
import { NodeError } from "../node-error";
import { setOutboundSettings, toolContext, type TContextOptions } from "../tool-http/test-helpers";
import { ZMcpConfig, type TMcpConfigInput, type TMcpOutput } from "./definition";
import { execute } from "./execute";
import { listMcpTools } from "./mcp-client";
import { listMcpToolsForTeam } from "./list-tools-for-team";

// A real MCP server (the SDK's McpServer over streamable HTTP, stateful sessions) on a loopback port.
let t: TTestDb;
let redis: TRedis;
let mcp: Server;
let serverUrl = "";
let teamId = "";
const sessions = new Map<string, StreamableHTTPServerTransport>();
const closedSessions: string[] = [];
let httpRequests = 0;

function buildMcpServer(): McpServer {
  const server = new McpServer({ name: "test-tools", version: "1.0.0" });
  server.registerTool(
    "add",
    { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() }, outputSchema: { sum: z.number() } },
    async ({ a, b }) => ({ content: [{ type: "text", text: `${a + b}` }], structuredContent: { sum: a + b } }),
  );
  server.registerTool("echo", { description: "Echoes text", inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  server.registerTool("fail", { description: "Always reports an error" }, async () => ({
    content: [{ type: "text", text: "the tool failed on purpose" }],
    isError: true,
  }));
  server.registerTool("whoami", { description: "Says whether the API token arrived" }, async (extra) => ({
    content: [{ type: "text", text: extra.requestInfo?.headers["x-api-token"] === "mcp-secret-token" ? "authorized" : "anonymous" }],
  }));
  server.registerTool("slow", { description: "Takes its time" }, async () => {
    await sleep(3000);
    return { content: [{ type: "text", text: "finally" }] };
  });
  return server;
}

beforeAll(async () => {
  t = await createTestDatabase("toolmcp");
  redis = createRedis();
  teamId = (await t.db.team.create({ data: { slug: "tools", name: "Tools" } })).id;
  mcp = createServer((req, res) => {
    httpRequests += 1;
    if (req.url === "/down") return void res.writeHead(503).end("maintenance");
    const sessionId = req.headers["mcp-session-id"];
    const existing = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (existing) return void existing.handleRequest(req, res);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void closedSessions.push(id),
    });
    void buildMcpServer()
      .connect(transport)
      .then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => mcp.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(mcp.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  const keys = await redis.keys(redisKey("*"));
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all([...sessions.values()].map((s) => s.close()));
  mcp.closeAllConnections();
  await new Promise<void>((resolve) => mcp.close(() => resolve()));
  await Promise.all([redis.quit(), t.drop()]);
});
beforeEach(async () => {
  await setOutboundSettings(t.db, { allowPrivateNetworks: true, allowedHosts: [] });
  await createCircuitBreaker(redis).resetBreaker(hostBreakerKey("127.0.0.1", new URL(serverUrl).port));
});

async function call(input: Partial<TMcpConfigInput>, options: Partial<TContextOptions> = {}) {
  const config = ZMcpConfig.parse({ serverUrl, toolName: "add", ...input });
  const result = await execute(toolContext(config, { db: t.db, redis, teamId, nodeId: "tool", ...options }));
  if (result.kind !== "done") throw new Error("expected a finished step");
  return result.output as TMcpOutput;
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => new Error("expected the step to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

const policy = { allowPrivateNetworks: true, allowedHosts: [] };

describe("tool.mcp against a real MCP server", () => {
  it("lists the server's tools for the builder's picker", async () => {
    const tools = await listMcpTools(serverUrl, { policy, timeoutMs: 5000 });
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add", "echo", "fail", "slow", "whoami"]);
    expect(tools.find((tool) => tool.name === "add")).toMatchObject({
      description: "Adds two numbers",
      inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } },
    });
  });

  it("lists tools for a team under the same outbound rules as a run", async () => {
    expect((await listMcpToolsForTeam(t.db, { serverUrl, teamId })).length).toBe(5);
    await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
    await expect(listMcpToolsForTeam(t.db, { serverUrl, teamId })).rejects.toMatchObject({ code: "POLICY" });
    await expect(listMcpToolsForTeam(t.db, { serverUrl, teamId, credentialId: "someone-elses" })).rejects.toMatchObject({ code: "INVALID_CONFIG" });
  });

  it("calls a tool with arguments from expressions and templates, and closes its session", async () => {
    const before = closedSessions.length;
    const scope = { trigger: { body: { x: 40 } }, nodes: { prev: { output: { y: 1 } } } };
    const output = await call({ arguments: { a: "trigger.body.x", b: "nodes.prev.output.y + 1" } }, scope);
    expect(output).toEqual({ content: [{ type: "text", text: "42" }], structuredContent: { sum: 42 }, isError: false });
    const echoed = await call({ toolName: "echo", arguments: { text: "Total: {{ trigger.body.x }}" } }, scope);
    expect(echoed.content).toEqual([{ type: "text", text: "Total: 40" }]);
    expect(closedSessions.length).toBe(before + 2);
  });

  it("fails the step with the tool's own error text, unless told to continue", async () => {
    const error = await failure(call({ toolName: "fail" }));
    expect(error).toMatchObject({ code: "UPSTREAM", isRetryable: false });
    expect(error.message).toBe('MCP tool "fail" reported an error: the tool failed on purpose');
    const output = await call({ toolName: "fail", continueOnToolError: true });
    expect(output).toMatchObject({ isError: true, content: [{ type: "text", text: "the tool failed on purpose" }] });
    expect((await createCircuitBreaker(redis).getState(hostBreakerKey("127.0.0.1", new URL(serverUrl).port))).failures).toBe(0);
  });

  it("sends the team's credential as a header", async () => {
    const credential = await t.db.credential.create({
      data: {
        teamId,
        name: "mcp",
        kind: "header",
        encryptedData: encryptSecret({ header: "X-Api-Token", value: "mcp-secret-token" }),
        allowedHosts: ["127.0.0.1"],
      },
    });
    expect((await call({ toolName: "whoami" })).content).toEqual([{ type: "text", text: "anonymous" }]);
    expect((await call({ toolName: "whoami", credentialId: credential.id })).content).toEqual([{ type: "text", text: "authorized" }]);
  });

  it("refuses to send a credential to a host it is not bound to, before connecting (node and tool picker)", async () => {
    const credential = await t.db.credential.create({
      data: {
        teamId,
        name: "tools-api",
        kind: "header",
        encryptedData: encryptSecret({ header: "X-Api-Token", value: "mcp-secret-token" }),
        allowedHosts: ["tools.example.com"],
      },
    });
    const requestsBefore = httpRequests;
    const refused = await failure(call({ toolName: "whoami", credentialId: credential.id }));
    expect(refused).toMatchObject({ code: "POLICY", isRetryable: false });
    expect(refused.message).toBe('Credential "tools-api" may only be sent to tools.example.com; this request goes to 127.0.0.1.');
    const picker = await listMcpToolsForTeam(t.db, { serverUrl, teamId, credentialId: credential.id }).catch((e: unknown) => e);
    expect((picker as NodeError).message).toBe(refused.message);
    expect(httpRequests).toBe(requestsBefore);
  });

  it("reports an unreachable server as a clear, retryable NETWORK error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(call({ serverUrl: `http://127.0.0.1:${port}/mcp` }));
    expect(error).toMatchObject({ code: "NETWORK", isRetryable: true });
    expect(error.message).toBe(`The request to 127.0.0.1 failed: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it("times out a slow tool, and refuses private addresses unless allowed", async () => {
    const timedOut = await failure(call({ toolName: "slow", timeoutMs: 300 }));
    expect(timedOut).toMatchObject({ code: "TIMEOUT", isRetryable: true });
    expect(timedOut.message).toBe("The MCP server at 127.0.0.1 did not answer within 300 ms; the call was aborted.");
    await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
    const requestsBefore = httpRequests;
    const refused = await failure(call({}));
    expect(refused.message).toBe("Requests to private network addresses are blocked (127.0.0.1). An admin can allow them in Settings.");
    expect(httpRequests).toBe(requestsBefore);
  });

  it("counts 5xx answers against the host and then fails fast", async () => {
    const down = serverUrl.replace(/\/mcp$/, "/down");
    for (let i = 0; i < 5; i++) expect((await failure(call({ serverUrl: down }))).code).toBe("HTTP_5XX");
    const requestsBefore = httpRequests;
    expect(await failure(call({}))).toMatchObject({ code: "CIRCUIT_OPEN" });
    expect(httpRequests).toBe(requestsBefore);
  });
});
