// POST /api/hooks/:workflowId — starts a run of the workflow's published version from an outside system.
// Authenticated by the workflow's secret (header) or an HMAC signature of the body; answers at once with the run id,
// or waits for the run's result up to the trigger's timeout.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { getCompiledVersion } from "./compile-version";
import { startRun } from "./start-run";
import { waitForRunEnd } from "./wait-for-run";
import type { ZWebhookTriggerConfig } from "../nodes/trigger-webhook/definition";
import type { z } from "zod";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const FORWARDED_HEADERS = ["content-type", "user-agent", "x-request-id", "x-github-event", "x-event-type"];

export type TWebhookResult = { status: number; body: Record<string, unknown> };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw.trim() === "") return {};
  if (contentType.includes("application/json") || contentType === "") {
    try {
      return JSON.parse(raw);
    } catch (error) {
      throw new AppError("BAD_REQUEST", `The request body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}.`);
    }
  }
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

export async function handleWebhook(deps: { db: TDb; redis: TRedis }, workflowId: string, req: Request): Promise<TWebhookResult> {
  const workflow = await deps.db.workflow.findUnique({
    where: { id: workflowId },
    select: { id: true, status: true, webhookSecret: true, publishedVersion: { select: { id: true, graph: true } } },
  });
  if (!workflow || workflow.status === "archived") throw new AppError("NOT_FOUND", "No workflow receives webhooks at this address.");
  if (!workflow.publishedVersion) throw new AppError("CONFLICT", "This workflow is not published yet.");
  if (workflow.status === "paused") throw new AppError("CONFLICT", "This workflow is paused: it does not accept new runs.");
  const version = getCompiledVersion(workflow.publishedVersion.id, workflow.publishedVersion.graph);
  const trigger = version.index.triggerId ? version.nodes.get(version.index.triggerId) : undefined;
  if (trigger?.node.type !== "trigger.webhook") throw new AppError("NOT_FOUND", "This workflow is not started by a webhook.");
  const config = trigger.config as z.infer<typeof ZWebhookTriggerConfig>;

  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_WEBHOOK_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB.");
  const raw = await req.text();
  if (Buffer.byteLength(raw) > MAX_WEBHOOK_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB.");

  if (config.auth === "hmac") {
    const given = (req.headers.get("x-baton-signature") ?? "").replace(/^sha256=/, "");
    const expected = createHmac("sha256", workflow.webhookSecret).update(raw).digest("hex");
    if (!given || !safeEqual(given, expected)) {
      throw new AppError("UNAUTHENTICATED", "The X-Baton-Signature header is missing or does not match the body (HMAC-SHA256 with the workflow's secret).");
    }
  } else if (!safeEqual(req.headers.get("x-baton-secret") ?? "", workflow.webhookSecret)) {
    throw new AppError("UNAUTHENTICATED", "The X-Baton-Secret header is missing or wrong.");
  }

  const body = parseBody(raw, (req.headers.get("content-type") ?? "").toLowerCase());
  const url = new URL(req.url);
  const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((h) => (req.headers.get(h) ? [[h, req.headers.get(h)!]] : [])));
  const { runId } = await startRun(deps, {
    workflowId: workflow.id,
    input: { body, headers, query: Object.fromEntries(url.searchParams), receivedAt: new Date().toISOString() },
    triggerType: "webhook",
    actor: { type: "system", label: "webhook" },
  });
  if (config.responseMode === "immediate") return { status: 202, body: { runId, status: "QUEUED" } };
  const end = await waitForRunEnd(deps, runId, config.waitTimeoutMs);
  if (!end) return { status: 202, body: { runId, status: "RUNNING", message: "The run is still going; poll it with its id." } };
  return { status: 200, body: { runId, status: end.status, output: end.output, error: end.error } };
}
