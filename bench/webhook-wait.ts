// The engine bench's webhook-wait mode: a published workflow whose Webhook trigger is in "wait for the result" mode,
// called over real HTTP on loopback, closed loop at each concurrency level, each request timed from send to the last
// byte of its answer. The HTTP server is a plain node:http server in the bench process that does what the route
// app/api/hooks/[workflowId]/route.ts does (the same handleWebhook, errors shaped by toErrorBody, the request's signal
// aborted when the caller goes away), not Next.js: it measures the webhook path and the wait for the run's end, not
// Next's routing.
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TDb } from "../server/db/client";
import type { TRedis } from "../server/redis/client";
import { handleWebhook } from "../server/engine/webhook";
import { toErrorBody } from "../server/errors";

export type TWebhookLevel = { concurrency: number; p50Ms: number; p99Ms: number; maxMs: number; notOk: number; runP99Ms: number };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function startWebhookServer(deps: { db: TDb; redis: TRedis }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    void (async () => {
      let status = 500;
      let body: unknown;
      let headers: Record<string, string> = {};
      try {
        const id = decodeURIComponent(/^\/api\/hooks\/([^/?]+)/.exec(req.url ?? "")?.[1] ?? "");
        const raw = await readBody(req);
        const request = new Request(`http://${req.headers.host ?? "bench"}${req.url ?? "/"}`, {
          method: req.method,
          headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
          body: raw.length > 0 ? new Uint8Array(raw) : undefined,
          signal: abort.signal,
        });
        const result = await handleWebhook(deps, id, request);
        ({ status, body } = result);
        headers = result.headers ?? {};
      } catch (error) {
        ({ status, body } = toErrorBody(error));
      }
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    })();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

function post(agent: Agent, url: string, secret: string, body: string): Promise<{ status: number; runId: string; runStatus: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-baton-secret": secret } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { runId?: string; status?: string };
        resolve({ status: res.statusCode ?? 0, runId: String(parsed.runId ?? ""), runStatus: String(parsed.status ?? "") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * At each concurrency level: `warmup` requests not measured, then `requests` measured, each client sending its next
 * request as soon as the previous one is answered. `runP99Ms` is the same runs' queued → finished time in the
 * database (the engine's part), to tell a slow engine from a slow wake-up.
 */
export async function benchWebhookWait(
  deps: { db: TDb; redis: TRedis },
  options: { workflowId: string; secret: string; levels: number[]; requests: number; warmup: number },
): Promise<TWebhookLevel[]> {
  const { server, url } = await startWebhookServer(deps);
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...options.levels) });
  const hookUrl = `${url}/api/hooks/${encodeURIComponent(options.workflowId)}`;
  let sent = 0;
  try {
    const levels: TWebhookLevel[] = [];
    for (const concurrency of options.levels) {
      const round = async (count: number) => {
        const times: number[] = [];
        const runIds: string[] = [];
        let notOk = 0;
        let next = 0;
        const client = async () => {
          while (next < count) {
            next += 1;
            const body = JSON.stringify({ amount: 10 + (sent++ % 1000), country: "DE" });
            const started = performance.now();
            const res = await post(agent, hookUrl, options.secret, body);
            times.push(performance.now() - started);
            runIds.push(res.runId);
            if (res.status !== 200 || res.runStatus !== "SUCCEEDED") notOk += 1;
          }
        };
        await Promise.all(Array.from({ length: concurrency }, client));
        return { times: times.sort((a, b) => a - b), runIds, notOk };
      };
      await round(options.warmup);
      const { times, runIds, notOk } = await round(options.requests);
      const runs = await deps.db.run.findMany({ where: { id: { in: runIds } }, select: { queuedAt: true, finishedAt: true } });
      const runMs = runs.filter((r) => r.finishedAt).map((r) => r.finishedAt!.getTime() - r.queuedAt.getTime()).sort((a, b) => a - b);
      const round1 = (ms: number) => Math.round(ms * 10) / 10;
      levels.push({ concurrency, p50Ms: round1(pct(times, 50)), p99Ms: round1(pct(times, 99)), maxMs: round1(times.at(-1) ?? 0), notOk, runP99Ms: pct(runMs, 99) });
    }
    return levels;
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
