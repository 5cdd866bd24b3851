// Test-only helpers for the outbound tool nodes: a loopback HTTP stub that records what it receives, a step
// context against the real (cloned) database and real Redis, and the explicit outbound allowance tests need.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TDb } from "../../db/client";
import { governanceDeps } from "../../governance/default-deps";
import { standaloneGovernance } from "../../governance/step-governance";
import { log } from "../../log";
import type { TRedis } from "../../redis/client";
import type { TExecuteContext, TScope } from "../execute-types";

export type TRecordedRequest = { method: string; path: string; headers: IncomingMessage["headers"]; body: string };
export type TStubHandler = (req: IncomingMessage, res: ServerResponse, body: string) => unknown;

export type TStub = {
  origin: string;
  port: number;
  requests: TRecordedRequest[];
  /** Resolves when a request to `path` loses its connection before the stub answered it (the client aborted). */
  waitForAbandoned(path: string): Promise<void>;
  close(): Promise<void>;
};

export async function startStub(handler: TStubHandler): Promise<TStub> {
  const requests: TRecordedRequest[] = [];
  const abandoned: string[] = [];
  let waiters: { path: string; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    res.on("close", () => {
      if (res.writableFinished) return;
      abandoned.push(req.url ?? "");
      waiters = waiters.filter((w) => (w.path === req.url ? (w.resolve(), false) : true));
    });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      void handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    waitForAbandoned: (path) =>
      new Promise<void>((resolve) => (abandoned.includes(path) ? resolve() : waiters.push({ path, resolve }))),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

/** The admin setting, written for real: tests that call loopback stubs must allow private networks explicitly. */
export { setOutboundSettings } from "@/test/outbound-settings";

export type TContextOptions = {
  db: TDb;
  redis: TRedis;
  teamId: string;
  trigger?: TScope["trigger"];
  nodes?: TScope["nodes"];
  signal?: AbortSignal;
  nodeId?: string;
};

export function toolContext<TConfig>(config: TConfig, o: TContextOptions, nodeType = "tool.http"): TExecuteContext<TConfig> {
  const nodeId = o.nodeId ?? "call_api";
  const runId = `run_${Math.random().toString(36).slice(2, 10)}`;
  const governance = governanceDeps({ db: o.db, redis: o.redis });
  const scope = { trigger: o.trigger ?? {}, nodes: o.nodes ?? {}, run: { id: runId, workflowId: "wf_test", teamId: o.teamId } };
  return {
    config,
    scope,
    runId,
    stepRunId: `step_${nodeId}`,
    nodeId,
    iterationKey: "",
    attempt: 1,
    idempotencyKey: `${runId}:${nodeId}::1`,
    signal: o.signal ?? new AbortController().signal,
    inputs: [],
    // Tool nodes never start child runs.
    services: { db: o.db, redis: o.redis, log, governance, engine: { startChildRun: () => Promise.reject(new Error("not available to tool nodes")) } },
    governance: standaloneGovernance(governance, {
      teamId: o.teamId, workflowId: "wf_test", runId, stepRunId: `step_${nodeId}`, nodeId, nodeType, attempt: 1, idempotencyKey: `${runId}:${nodeId}::1`, scope,
    }),
  };
}
