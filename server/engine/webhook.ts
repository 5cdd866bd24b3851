// POST /api/hooks/:workflowId — starts a run of the workflow's published version from an outside system.
// Authenticated by the workflow's secret (header) or a signature of "<timestamp>.<body>" (see webhook-auth.ts); an
// Idempotency-Key makes retries safe, and a signed request starts at most one run however often it is sent
// (webhook-receipts.ts); answers at once with the run id, or waits for the run's result up to the trigger's timeout.
import type { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError } from "../errors";
import { cachedVersion, getCompiledVersion } from "./compile-version";
import { sqlFor } from "../db/sql";
import { MAX_RUN_INPUT_BYTES, startRun, WORKFLOW_FACTS_COLUMNS, type TWorkflowFacts } from "./start-run";
import { assertStorableValue, formatBytes } from "./value-limits";
import { NodeError } from "../nodes/node-error";
import { waitForRunEnd } from "./wait-for-run";
import type { ZWebhookTriggerConfig } from "../nodes/trigger-webhook/definition";
import { webhookInput } from "./trigger-input";
import { decodeUtf8, readBodyBytes } from "../http/read-body";
import { assertStorableText } from "../shared/storable-text";
import { storableQuery } from "../shared/query-params";
import { checkWebhookProof, WEBHOOK_UNAUTHENTICATED_MESSAGE } from "./webhook-auth";
import {
  claimReceipt,
  cleanExpiredReceipts,
  DuplicateWebhookRequest,
  findReceipt,
  idempotencyReceipt,
  readIdempotencyKey,
  signatureReceipt,
  type TReceiptKey,
} from "./webhook-receipts";
import { validWebhookSecrets, type TWebhookSecrets } from "../workflows/webhook-secret-rules";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const FORWARDED_HEADERS = ["content-type", "user-agent", "x-request-id", "x-github-event", "x-event-type"];
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

export type TWebhookResult = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
type TDeps = { db: TDb; redis: TRedis };
type TConfig = z.infer<typeof ZWebhookTriggerConfig>;
type TWorkflowRow = TWorkflowFacts & TWebhookSecrets;

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

async function loadWorkflow(deps: TDeps, workflowId: string): Promise<TWorkflowRow | undefined> {
  if (!ID_SHAPE.test(workflowId)) return undefined;
  const [row] = await sqlFor(deps.db)<TWorkflowRow>(
    `SELECT ${WORKFLOW_FACTS_COLUMNS}, "webhookSecret", "previousWebhookSecret", "previousWebhookSecretExpiresAt" FROM "Workflow" WHERE id = $1`,
    [workflowId],
    "engine-webhook-workflow-v2",
  );
  return row;
}

async function triggerConfig(deps: TDeps, publishedVersionId: string): Promise<TConfig | null> {
  let version = cachedVersion(publishedVersionId);
  if (!version) {
    const [row] = await sqlFor(deps.db)<{ graph: unknown }>(`SELECT graph FROM "WorkflowVersion" WHERE id = $1`, [publishedVersionId]);
    version = getCompiledVersion(publishedVersionId, row?.graph);
  }
  const trigger = version.index.triggerId ? version.nodes.get(version.index.triggerId) : undefined;
  return trigger?.node.type === "trigger.webhook" ? (trigger.config as TConfig) : null;
}

/** `signal`: the request's; a caller that goes away ends the wait (the run goes on). */
async function answer(deps: TDeps, config: TConfig, runId: string, isReplay: boolean, signal: AbortSignal): Promise<TWebhookResult> {
  const headers = isReplay ? { "idempotent-replayed": "true" } : undefined;
  if (config.responseMode === "immediate") return { status: 202, body: { runId, status: "QUEUED" }, headers };
  const end = await waitForRunEnd(deps, runId, config.waitTimeoutMs, { signal });
  if (!end) return { status: 202, body: { runId, status: "RUNNING", message: "The run is still going; poll it with its id." }, headers };
  return { status: 200, body: { runId, status: end.status, output: end.output, error: end.error }, headers };
}

async function replay(deps: TDeps, config: TConfig, workflowId: string, keys: readonly TReceiptKey[], signal: AbortSignal): Promise<TWebhookResult | null> {
  const receipt = await findReceipt(deps.db, workflowId, keys);
  if (!receipt) return null;
  if (!receipt.runId) throw new AppError("CONFLICT", "This request is still being processed; retry in a moment.");
  return answer(deps, config, receipt.runId, true, signal);
}

/**
 * The run's input checked here with the engine's own rule (value-limits.ts: plain JSON, at most 200 levels deep,
 * finite numbers, within the input limit), so a body that parses but cannot start a run is answered in the caller's
 * terms: 400 naming the place, or 413 saying why a body under the byte limit grew past it.
 */
function assertRunInput(input: Record<string, unknown>): void {
  try {
    assertStorableValue(input, { what: "input", nodeId: "trigger", maxBytes: MAX_RUN_INPUT_BYTES });
  } catch (error) {
    if (!(error instanceof NodeError)) throw error;
    const details = error.details as { bytes?: unknown; path?: unknown } | undefined;
    if (typeof details?.bytes === "number") {
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `The request becomes ${formatBytes(details.bytes)} as the run's input (its body, headers and query as JSON, where quotes and control characters take more room), above the ${formatBytes(MAX_RUN_INPUT_BYTES)} limit. Send a smaller body.`,
      );
    }
    const path = typeof details?.path === "string" ? details.path.replace(/^input\./, "") : "body";
    const shown = path.length > 120 ? `${path.slice(0, 120)}…` : `${path}.`;
    const problem = /is not JSON: (.*?) at /s.exec(error.message)?.[1] ?? "a value JSON cannot hold";
    throw new AppError("BAD_REQUEST", `The request body cannot start a run: ${problem} at ${shown}`);
  }
}

export async function handleWebhook(deps: TDeps, workflowId: string, req: Request, now = new Date()): Promise<TWebhookResult> {
  // The body is read (up to the limit) before anything else, so every id, known or not, is treated alike.
  const bytes = await readBodyBytes(req.body, { maxBytes: MAX_WEBHOOK_BODY_BYTES, declaredLength: req.headers.get("content-length") });
  const workflow = await loadWorkflow(deps, workflowId);
  const proof = checkWebhookProof(req.headers, bytes, workflow ? validWebhookSecrets(workflow, now) : [], now.getTime());
  if (!workflow || (!proof.hasSecret && !proof.hasSignature)) throw new AppError("UNAUTHENTICATED", WEBHOOK_UNAUTHENTICATED_MESSAGE);
  // Authenticated: from here on the caller may learn the workflow's state.
  if (workflow.status === "archived") throw new AppError("CONFLICT", "This workflow is archived: it does not accept webhooks.");
  if (!workflow.publishedVersionId) throw new AppError("CONFLICT", "This workflow is not published yet.");
  if (workflow.status === "paused") throw new AppError("CONFLICT", "This workflow is paused: it does not accept new runs.");
  const config = await triggerConfig(deps, workflow.publishedVersionId);
  if (!config) throw new AppError("NOT_FOUND", "This workflow is not started by a webhook.");
  if (config.auth === "hmac" && !proof.hasSignature) {
    throw new AppError(
      "UNAUTHENTICATED",
      'This webhook requires a signature: X-Baton-Timestamp and X-Baton-Signature (sha256=<HMAC-SHA256 of "<timestamp>.<raw body>" with the workflow\'s secret>); it is missing or does not match.',
    );
  }
  if (config.auth === "secret" && !proof.hasSecret) throw new AppError("UNAUTHENTICATED", "The X-Baton-Secret header is missing or wrong.");

  const key = readIdempotencyKey(req.headers);
  const body = parseBody(decodeUtf8(bytes), (req.headers.get("content-type") ?? "").toLowerCase());
  assertStorableText(body, ["body"]);
  const query = storableQuery(new URL(req.url).searchParams);
  const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((h) => (req.headers.get(h) ? [[h, req.headers.get(h)!]] : [])));
  const { webhookSecret: _s, previousWebhookSecret: _p, previousWebhookSecretExpiresAt: _e, ...facts } = workflow;
  const input = webhookInput(body, headers, query, now);
  assertRunInput(input);
  const start = {
    workflowId: workflow.id,
    input,
    triggerType: "webhook" as const,
    actor: { type: "system" as const, label: "webhook" },
    workflow: facts,
  };
  // A signed request is its own idempotency key (its signature), so a captured one cannot start a second run however
  // its Idempotency-Key is changed; the secret header alone carries nothing that tells two requests apart.
  const receipts = [...(key ? [idempotencyReceipt(key)] : []), ...(proof.signature ? [signatureReceipt(proof.signature)] : [])];
  if (receipts.length === 0) return answer(deps, config, (await startRun(deps, start)).runId, false, req.signal);

  await cleanExpiredReceipts(deps.db);
  const earlier = await replay(deps, config, workflow.id, receipts, req.signal);
  if (earlier) return earlier;
  try {
    const { runId } = await startRun(deps, { ...start, prefill: claimReceipt(workflow.id, receipts) });
    return await answer(deps, config, runId, false, req.signal);
  } catch (error) {
    if (!(error instanceof DuplicateWebhookRequest)) throw error;
    // A concurrent duplicate won the race (its run and receipts are committed now).
    const winner = await replay(deps, config, workflow.id, receipts, req.signal);
    if (winner) return winner;
    throw new AppError("CONFLICT", "This request is still being processed; retry in a moment.");
  }
}
