// A loopback OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1 (port 0), scripted answers.
//
//   const stub = await startLlmStub();                       // answers every call with DEFAULT_STUB_REPLY
//   stub.setHandler((call, n) => (n === 0 ? { status: 500 } : { content: "hi", usage: { prompt_tokens: 7, completion_tokens: 2 } }));
//   … provider.baseUrl = stub.baseUrl …                       // "http://127.0.0.1:<port>/v1"
//   expect(stub.calls[0]?.headers.authorization).toBe("Bearer sk-test");
//   await stub.close();                                       // in afterAll
//
// Only `POST /v1/chat/completions` exists; anything else is a 404 (and is still logged in `calls`).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export type TLlmStubCall = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** 0-based position of this call since start (or the last reset). */
  index: number;
};

export type TLlmStubReply = {
  /** HTTP status; default 200. Non-2xx statuses send an OpenAI-shaped error body unless `body` is given. */
  status?: number;
  /** Assistant message content for a 200 reply; default "Hello from the stub." */
  content?: string;
  finishReason?: string;
  /** `null` leaves usage out of the response (callers must count tokens themselves). */
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  /** Sends this exact JSON instead of a completion or an error (for malformed-response tests). */
  body?: unknown;
  /** Wait before answering; the wait ends early when the client goes away. */
  delayMs?: number;
  headers?: Record<string, string>;
};

export type TLlmStubHandler = (call: TLlmStubCall) => TLlmStubReply | Promise<TLlmStubReply>;

export type TLlmStub = {
  /** Base URL including `/v1`, as stored in Provider.baseUrl. */
  baseUrl: string;
  /** Every request received, in arrival order. */
  calls: TLlmStubCall[];
  setHandler(handler: TLlmStubHandler): void;
  /** Clears the call log and restores the handler given at start. */
  reset(): void;
  close(): Promise<void>;
};

export const DEFAULT_STUB_REPLY = {
  content: "Hello from the stub.",
  usage: { prompt_tokens: 10, completion_tokens: 5 },
} as const satisfies TLlmStubReply;

const defaultHandler: TLlmStubHandler = () => DEFAULT_STUB_REPLY;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function modelOf(body: unknown): string {
  return typeof body === "object" && body !== null && "model" in body && typeof body.model === "string"
    ? body.model
    : "stub-model";
}

export async function startLlmStub(options: { handler?: TLlmStubHandler } = {}): Promise<TLlmStub> {
  const initial = options.handler ?? defaultHandler;
  let handler = initial;
  const calls: TLlmStubCall[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const call: TLlmStubCall = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers: req.headers,
        body: parseBody(Buffer.concat(chunks).toString("utf8")),
        index: calls.length,
      };
      calls.push(call);
      void respond(call, res);
    });
  });

  async function respond(call: TLlmStubCall, res: ServerResponse): Promise<void> {
    if (call.method !== "POST" || call.path !== "/v1/chat/completions") {
      send(res, 404, { error: { message: `No route ${call.method} ${call.path}`, type: "invalid_request_error" } });
      return;
    }
    let reply: TLlmStubReply;
    try {
      reply = await handler(call);
    } catch (error) {
      send(res, 500, { error: { message: `Stub handler threw: ${String(error)}`, type: "server_error" } });
      return;
    }
    if (reply.delayMs) {
      const gone = new AbortController();
      res.on("close", () => gone.abort());
      await sleep(reply.delayMs, undefined, { signal: gone.signal }).catch(() => undefined);
      if (gone.signal.aborted || res.destroyed) return;
    }
    const status = reply.status ?? 200;
    if (reply.body !== undefined) return send(res, status, reply.body, reply.headers);
    if (status >= 300) {
      return send(
        res,
        status,
        {
          error: {
            message: `Stub failure ${status}`,
            type: status === 429 ? "rate_limit" : "server_error",
            code: null,
          },
        },
        reply.headers,
      );
    }
    const usage = reply.usage === undefined ? DEFAULT_STUB_REPLY.usage : reply.usage;
    send(
      res,
      status,
      {
        id: `chatcmpl-stub-${call.index}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: modelOf(call.body),
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: reply.content ?? DEFAULT_STUB_REPLY.content },
            finish_reason: reply.finishReason ?? "stop",
          },
        ],
        ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
      },
      reply.headers,
    );
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    setHandler(next) {
      handler = next;
    },
    reset() {
      calls.length = 0;
      handler = initial;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
