import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { NO_AUTH, type TCredentialAuth } from "../../net/credentials";
import { assertCredentialMaySendTo } from "../../net/credential-hosts";
import { createGuardedFetch, type TFetchLike } from "../../net/guarded-fetch";
import { checkOutboundUrl, parseOutboundUrl, type TCheckedTarget, type TOutboundPolicy } from "../../net/outbound-guard";
import { toMcpNodeError } from "./mcp-errors";

// A short-lived MCP client session over streamable HTTP: connect, do one thing, close. Every HTTP request of the
// session (initialize, the call, any SSE stream, the closing DELETE) goes through the guarded fetch.

export type TMcpSessionOptions = {
  policy: TOutboundPolicy;
  auth?: TCredentialAuth;
  timeoutMs: number;
  signal?: AbortSignal;
};

export type TMcpToolInfo = { name: string; title?: string; description?: string; inputSchema: Record<string, unknown> };

const CLIENT_INFO = { name: "baton", version: "1.0.0" };

/** Checks the URL first (clear policy errors before any connection), then runs `fn` with a connected client. */
export async function withMcpSession<T>(
  serverUrl: string,
  options: TMcpSessionOptions,
  fn: (client: Client, target: TCheckedTarget) => Promise<T>,
): Promise<T> {
  const auth = options.auth ?? NO_AUTH;
  const url = parseOutboundUrl(serverUrl);
  for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
  assertCredentialMaySendTo(auth, url);
  const target = await checkOutboundUrl(url, options.policy);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const transport = new StreamableHTTPClientTransport(url, {
    fetch: credentialBoundFetch(createGuardedFetch({ policy: options.policy, signal }), auth),
    requestInit: { headers: auth.headers },
    // A broken stream is reported, not retried in the background after the step has moved on.
    reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
  });
  const client = new Client(CLIENT_INFO);
  const requestOptions = { signal, timeout: options.timeoutMs };
  try {
    await client.connect(transport, requestOptions);
    return await fn(client, target);
  } catch (error) {
    throw toMcpNodeError(error, { hostname: target.hostname, signal, timeout, timeoutMs: options.timeoutMs });
  } finally {
    await closeQuietly(client, transport);
  }
}

/** Every request of the session carries the credential's headers: each must go to a host the credential allows. */
function credentialBoundFetch(fetch: TFetchLike, auth: TCredentialAuth): TFetchLike {
  return (input, init) => {
    try {
      assertCredentialMaySendTo(auth, new URL(input.toString()));
    } catch (error) {
      return Promise.reject(error);
    }
    return fetch(input, init);
  };
}

/** The server's tools, for the builder's tool picker. */
export async function listMcpTools(serverUrl: string, options: TMcpSessionOptions): Promise<TMcpToolInfo[]> {
  return withMcpSession(serverUrl, options, async (client) => {
    const tools: TMcpToolInfo[] = [];
    let cursor: string | undefined;
    // Paginated; capped so a misbehaving server cannot keep the picker loading forever.
    for (let page = 0; page < 20; page++) {
      const result = await client.listTools(cursor ? { cursor } : undefined, { signal: options.signal, timeout: options.timeoutMs });
      for (const tool of result.tools) {
        tools.push({ name: tool.name, title: tool.title, description: tool.description, inputSchema: tool.inputSchema });
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return tools;
  });
}

async function closeQuietly(client: Client, transport: StreamableHTTPClientTransport): Promise<void> {
  try {
    // Ends the server-side session (DELETE) when there is one; servers may answer 405, which is fine.
    if (transport.sessionId) await transport.terminateSession();
  } catch {
    // The session times out on the server anyway.
  }
  await client.close().catch(() => undefined);
}
