// A loopback HTTP server for tests that counts calls and answers as each test says.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** `path` without its query string; `url` as requested, query included. */
export type TStubCall = { method: string; path: string; url: string; headers: IncomingMessage["headers"]; body: string; at: number };
export type TStubReply = { status?: number; json?: unknown; text?: string; delayMs?: number; headers?: Record<string, string> } | "hang";
export type TStubRoute = (call: TStubCall, nth: number) => TStubReply | Promise<TStubReply>;

export type THttpStub = {
  url: string;
  calls: TStubCall[];
  callsTo(path: string): TStubCall[];
  route(path: string, handler: TStubRoute): void;
  close(): Promise<void>;
};

export async function startHttpStub(): Promise<THttpStub> {
  const calls: TStubCall[] = [];
  const routes = new Map<string, TStubRoute>();
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const call: TStubCall = { method: req.method ?? "GET", path, url: req.url ?? "/", headers: req.headers, body, at: Date.now() };
      calls.push(call);
      const fallback: TStubRoute = () => ({ json: { ok: true } });
      const handler = routes.get(path) ?? fallback;
      void Promise.resolve(handler(call, calls.filter((c) => c.path === path).length)).then(async (reply) => {
        if (reply === "hang") {
          open.add(res);
          return;
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { "content-type": reply.text !== undefined ? "text/plain" : "application/json", ...reply.headers });
        res.end(reply.text ?? JSON.stringify(reply.json ?? { ok: true }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    route: (path, handler) => routes.set(path, handler),
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
