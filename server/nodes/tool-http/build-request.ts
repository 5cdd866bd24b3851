import { evaluateExpression } from "../../engine/expressions";
import { parseTemplate, renderTemplate } from "../../engine/templates";
import { parseOutboundUrl } from "../../net/outbound-guard";
import type { TCredentialAuth } from "../../net/credentials";
import type { TScope } from "../execute-types";
import { NodeError } from "../node-error";
import type { THttpConfig } from "./definition";

// Turns the node's config into the exact request to send: templates and expressions evaluated against the scope,
// credential headers and query parameters applied, default headers added.

export type TBuiltRequest = {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
};

type TBuildContext = { scope: TScope; nodeId: string; idempotencyKey: string; auth: TCredentialAuth };

const USER_AGENT = "Baton-Workflow/1.0";
// Set by the HTTP client from the URL and body; a configured value could only make the request inconsistent.
const FRAMING_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade"]);

export async function buildRequest(config: THttpConfig, ctx: TBuildContext): Promise<TBuiltRequest> {
  const render = (template: string, field: string) => renderTemplate(template, ctx.scope, { nodeId: ctx.nodeId, field });
  const url = parseOutboundUrl(await render(config.url, "url"));
  for (const [name, template] of Object.entries(config.query)) url.searchParams.append(name, await render(template, `query.${name}`));
  for (const [name, value] of Object.entries(ctx.auth.query)) url.searchParams.set(name, value);

  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(config.headers)) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    headers[name.toLowerCase()] = await render(template, `headers.${name}`);
  }
  const body = await buildBody(config, ctx, render);
  if (body !== undefined && !headers["content-type"]) {
    headers["content-type"] = body.isJson ? "application/json" : "text/plain; charset=utf-8";
  }
  headers.accept ??= config.responseType === "json" ? "application/json" : "application/json, text/*;q=0.9, */*;q=0.8";
  headers["accept-encoding"] ??= "gzip, deflate, br";
  headers["user-agent"] ??= USER_AGENT;
  Object.assign(headers, ctx.auth.headers);
  // Set last: a retry of the same attempt must carry the same key, whatever the configured headers say.
  headers["idempotency-key"] = ctx.idempotencyKey;
  return { method: config.method, url, headers, body: body?.text };
}

function bodyTypeOf(config: THttpConfig): "none" | "json" | "text" | "expression" {
  if (config.bodyType) return config.bodyType;
  if (config.bodyExpression.trim()) return "expression";
  return config.body.trim() ? "json" : "none";
}

type TRender = (template: string, field: string) => Promise<string>;

async function buildBody(config: THttpConfig, ctx: TBuildContext, render: TRender) {
  const type = bodyTypeOf(config);
  if (type === "none" || config.method === "GET" || config.method === "HEAD") return undefined;
  if (type === "text") return { text: await render(config.body, "body"), isJson: false };
  if (type === "expression") {
    const value = await evaluateExpression(config.bodyExpression, ctx.scope, { nodeId: ctx.nodeId, field: "bodyExpression" });
    return { text: JSON.stringify(value ?? null), isJson: true };
  }
  return { text: await renderJsonTemplate(config.body, ctx), isJson: true };
}

/**
 * A JSON body template. When the template is itself valid JSON, templates are rendered inside its strings (so values
 * are escaped correctly) and a string that is exactly one `{{ expr }}` takes the value's own type (number, object…).
 * Otherwise (e.g. `{"n": {{ x }}}`) it is rendered as text and must be valid JSON afterwards.
 */
export async function renderJsonTemplate(template: string, ctx: Pick<TBuildContext, "scope" | "nodeId">): Promise<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    const rendered = await renderTemplate(template, ctx.scope, { nodeId: ctx.nodeId, field: "body" });
    try {
      JSON.parse(rendered);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "invalid JSON";
      throw new NodeError("INVALID_CONFIG", `Node "${ctx.nodeId}": the JSON body is not valid JSON after rendering (${reason}). Quote text values ("{{ … }}") or use a body expression.`, { isRetryable: false });
    }
    return rendered;
  }
  return JSON.stringify(await renderJsonValue(parsed, ctx, "body"));
}

async function renderJsonValue(value: unknown, ctx: Pick<TBuildContext, "scope" | "nodeId">, field: string): Promise<unknown> {
  if (typeof value === "string") {
    const { parts, problems } = parseTemplate(value.trim());
    const [only] = parts;
    if (problems.length === 0 && parts.length === 1 && only?.kind === "expression") {
      const result = await evaluateExpression(only.source, ctx.scope, { nodeId: ctx.nodeId, field });
      return result === undefined ? null : result;
    }
    return renderTemplate(value, ctx.scope, { nodeId: ctx.nodeId, field });
  }
  if (Array.isArray(value)) return Promise.all(value.map((entry, i) => renderJsonValue(entry, ctx, `${field}[${i}]`)));
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) result[key] = await renderJsonValue(entry, ctx, `${field}.${key}`);
    return result;
  }
  return value;
}
