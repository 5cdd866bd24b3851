import { createServer, type Server } from "node:http";
import type { THealth } from "@/server/health";

/**
 * GET /healthz answers 200 when the database, Redis and every processor are up, else 503. It listens on loopback
 * unless told otherwise (WORKER_HEALTH_HOST): the answer names the worker, its host and its queues.
 */
export function startHealthServer(
  port: number,
  check: () => Promise<THealth & Record<string, unknown>>,
  host = "127.0.0.1",
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Only GET /healthz is served here." } }));
      return;
    }
    check()
      .then((health) => {
        res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(health));
      })
      .catch(() => {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "degraded" }));
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
