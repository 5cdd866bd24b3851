// Test connection: one real, minimal request to a saved provider, reported in words. Kinds with a model list are asked
// for it (GET …/models: nothing is generated, nothing is billed); Bedrock, which has none on its runtime endpoint, is
// asked for a 1-token completion of a model (given, else the provider's first enabled model). The request goes
// through the outbound guard like every model call, with the organisation's outbound settings as they are now.
import { generateText } from "ai";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { ZProviderTest } from "../gateway/provider-kinds.shared";
import { providerError } from "../gateway/providers/ai-sdk-chat";
import { upstreamMessage } from "../gateway/providers/errors";
import { languageModelFor } from "../gateway/providers/language-models";
import { httpProviderConfig, type THttpProviderConfig } from "../gateway/providers/provider-config";
import { createGuardedFetch } from "../net/guarded-fetch";
import { loadOutboundSettings } from "../net/outbound-settings";
import { isNodeError, type NodeError } from "../nodes/node-error";
import type { TConnectionTest } from "./providers.shared";

export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

type TListRequest = { url: string; headers: Record<string, string> };

function listRequest(config: Exclude<THttpProviderConfig, { kind: "bedrock" }>): TListRequest {
  const url = `${config.baseUrl}/models`;
  switch (config.kind) {
    case "anthropic":
      return { url, headers: { "x-api-key": config.apiKey, "anthropic-version": "2023-06-01" } };
    case "google":
      return { url, headers: { "x-goog-api-key": config.apiKey } };
    case "azure":
      return { url: `${url}?api-version=${encodeURIComponent(config.apiVersion)}`, headers: { "api-key": config.apiKey } };
    case "openai_compatible":
      return { url, headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {} };
    default:
      return { url, headers: { authorization: `Bearer ${config.apiKey}` } };
  }
}

/** How many models a list answer names (OpenAI-style `data`, Gemini's `models`), when it names any. */
function modelCount(text: string): number | null {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === "object") {
      const list = (body as { data?: unknown; models?: unknown }).data ?? (body as { models?: unknown }).models;
      if (Array.isArray(list)) return list.length;
    }
  } catch {
    // Not JSON: the server answered, which is all a connection test needs.
  }
  return null;
}

/** A failure before or without an answer, in words: refused by the outbound guard, unreachable, or too slow. */
function unreachable(error: NodeError, host: string): string {
  if (error.code === "POLICY" || error.code === "INVALID_CONFIG") return error.message;
  if (error.code === "TIMEOUT") return `Cannot reach ${host}: no answer within ${CONNECTION_TEST_TIMEOUT_MS / 1000} s.`;
  return `Cannot reach ${host}: ${error.message.replace(/^(The request to \S+ failed: |Could not reach .+? at \S+: )/, "")}`;
}

function answered(host: string, status: number, text: string): string {
  const said = upstreamMessage(text).trim() || `HTTP ${status}`;
  if (status === 401 || status === 403) return `${host} refused the credentials (HTTP ${status}): ${said}`;
  return `${host} answered HTTP ${status}: ${said}`;
}

async function listModels(db: TDb, config: Exclude<THttpProviderConfig, { kind: "bedrock" }>, host: string): Promise<Omit<TConnectionTest, "latencyMs">> {
  const request = listRequest(config);
  const settings = await loadOutboundSettings(db);
  const fetch = createGuardedFetch({ policy: { ...settings, nodeAllowedHosts: [] }, signal: AbortSignal.timeout(CONNECTION_TEST_TIMEOUT_MS) });
  let status: number;
  let text: string;
  try {
    const res = await fetch(request.url, { method: "GET", headers: { accept: "application/json", ...request.headers } });
    status = res.status;
    text = await res.text();
  } catch (error) {
    if (isNodeError(error)) return { isOk: false, message: unreachable(error, host) };
    return { isOk: false, message: `Cannot reach ${host}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (status < 200 || status >= 300) return { isOk: false, message: answered(host, status, text) };
  const count = modelCount(text);
  return { isOk: true, message: count === null ? `Connected to ${host}.` : `Connected to ${host}: ${count} ${count === 1 ? "model" : "models"} available.` };
}

async function completeOneToken(db: TDb, provider: Parameters<typeof languageModelFor>[1], modelName: string, host: string): Promise<Omit<TConnectionTest, "latencyMs">> {
  const { model } = languageModelFor(db, provider, modelName);
  try {
    await generateText({ model, prompt: "Say OK.", maxOutputTokens: 1, maxRetries: 0, abortSignal: AbortSignal.timeout(CONNECTION_TEST_TIMEOUT_MS) });
    return { isOk: true, message: `Connected to ${host}: ${modelName} answered.` };
  } catch (caught) {
    const error = providerError(caught, { providerName: host, host });
    const status = error.details?.status;
    if (typeof status === "number") return { isOk: false, message: answered(host, status, caught instanceof Error ? caught.message : "") };
    return { isOk: false, message: unreachable(error, host) };
  }
}

export async function testProvider(db: TDb, principal: TPrincipal, id: string, body: unknown = {}): Promise<TConnectionTest> {
  assertCan(principal, "settings:write");
  const input = parseOrThrow(ZProviderTest, body ?? {});
  const provider = await db.provider.findUnique({ where: { id } });
  if (!provider) throw new AppError("NOT_FOUND", "No provider has this id (it may have been deleted).");
  const started = performance.now();
  const done = (result: Omit<TConnectionTest, "latencyMs">): TConnectionTest => ({ ...result, latencyMs: Math.round(performance.now() - started) });
  if (provider.kind === "sandbox") return done({ isOk: true, message: "The Sandbox answers inside Baton: there is nothing to connect to." });
  let config: THttpProviderConfig;
  try {
    config = httpProviderConfig(provider);
  } catch (error) {
    if (isNodeError(error)) return done({ isOk: false, message: error.message });
    throw error;
  }
  const host = new URL(config.baseUrl).host;
  if (config.kind !== "bedrock") return done(await listModels(db, config, host));
  const modelName =
    input.model ?? (await db.model.findFirst({ where: { providerId: id, isEnabled: true }, orderBy: { createdAt: "asc" }, select: { name: true } }))?.name;
  if (!modelName) {
    throw new AppError("VALIDATION", "Some fields are missing or invalid.", {
      issues: [{ path: "model", message: "AWS Bedrock has no model list to test with: enter a model id, such as anthropic.claude-3-haiku-20240307-v1:0." }],
    });
  }
  return done(await completeOneToken(db, provider, modelName, host));
}
