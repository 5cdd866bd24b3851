// POST /api/hooks/:workflowId — starts a run of the workflow's published version from an outside system.
// Authenticated by the workflow's secret (header) or an HMAC signature of the body; answers at once with the run id,
// or waits for the run's result up to the trigger's timeout.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { cachedVersion, getCompiledVersion } from "./compile-version";
import { sqlFor } from "../db/sql";
import { startRun, WORKFLOW_FACTS_COLUMNS, type TWorkflowFacts } from "./start-run";
import { waitForRunEnd } from "./wait-for-run";
import type { ZWebhookTriggerConfig } from "../nodes/trigger-webhook/definition";
import type { z } from "zod";
import { webhookInput } from "./trigger-input";

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

async function readBody(req: Request): Promise<string> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_WEBHOOK_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB.");
  const raw = await req.text();
  if (Buffer.byteLength(raw) > MAX_WEBHOOK_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB.");
  return raw;
}

function isSignatureValid(header: string | null, raw: string, secret: string): boolean {
  const given = (header ?? "").replace(/^sha256=/, "");
  return given !== "" && safeEqual(given, createHmac("sha256", secret).update(raw).digest("hex"));
}

export async function handleWebhook(deps: { db: TDb; redis: TRedis }, workflowId: string, req: Request): Promise<TWebhookResult> {
  const sql = sqlFor(deps.db);
  const [workflow] = await sql<TWorkflowFacts & { webhookSecret: string }>(
    `SELECT ${WORKFLOW_FACTS_COLUMNS}, "webhookSecret" FROM "Workflow" WHERE id = $1`,
    [workflowId],
    "engine-webhook-workflow",
  );
  if (!workflow || workflow.status === "archived") throw new AppError("NOT_FOUND", "No workflow receives webhooks at this address.");
  const raw = await readBody(req);
  // Authenticate before telling anything about the workflow's state: either header form proves the caller holds the
  // secret; which form the trigger requires is checked once the published version is known.
  const hasSecret = safeEqual(req.headers.get("x-baton-secret") ?? "", workflow.webhookSecret);
  const hasSignature = isSignatureValid(req.headers.get("x-baton-signature"), raw, workflow.webhookSecret);
  if (!hasSecret && !hasSignature) {
    throw new AppError(
      "UNAUTHENTICATED",
      "Send the workflow's webhook secret in the X-Baton-Secret header, or sign the body in X-Baton-Signature (sha256=<HMAC-SHA256 of the body with the secret>).",
    );
  }
  if (!workflow.publishedVersionId) throw new AppError("CONFLICT", "This workflow is not published yet.");
  if (workflow.status === "paused") throw new AppError("CONFLICT", "This workflow is paused: it does not accept new runs.");
  let version = cachedVersion(workflow.publishedVersionId);
  if (!version) {
    const [row] = await sql<{ graph: unknown }>(`SELECT graph FROM "WorkflowVersion" WHERE id = $1`, [workflow.publishedVersionId]);
    version = getCompiledVersion(workflow.publishedVersionId, row?.graph);
  }
  const trigger = version.index.triggerId ? version.nodes.get(version.index.triggerId) : undefined;
  if (trigger?.node.type !== "trigger.webhook") throw new AppError("NOT_FOUND", "This workflow is not started by a webhook.");
  const config = trigger.config as z.infer<typeof ZWebhookTriggerConfig>;

  if (config.auth === "hmac" && !hasSignature) {
    throw new AppError("UNAUTHENTICATED", "The X-Baton-Signature header is missing or does not match the body (HMAC-SHA256 with the workflow's secret).");
  }
  if (config.auth === "secret" && !hasSecret) throw new AppError("UNAUTHENTICATED", "The X-Baton-Secret header is missing or wrong.");

  const body = parseBody(raw, (req.headers.get("content-type") ?? "").toLowerCase());
  const url = new URL(req.url);
  const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((h) => (req.headers.get(h) ? [[h, req.headers.get(h)!]] : [])));
  const { webhookSecret: _secret, ...facts } = workflow;
  const { runId } = await startRun(deps, {
    workflowId: workflow.id,
    input: webhookInput(body, headers, Object.fromEntries(url.searchParams), new Date()),
    triggerType: "webhook",
    actor: { type: "system", label: "webhook" },
    workflow: facts,
  });
  if (config.responseMode === "immediate") return { status: 202, body: { runId, status: "QUEUED" } };
  const end = await waitForRunEnd(deps, runId, config.waitTimeoutMs);
  if (!end) return { status: 202, body: { runId, status: "RUNNING", message: "The run is still going; poll it with its id." } };
  return { status: 200, body: { runId, status: end.status, output: end.output, error: end.error } };
}
