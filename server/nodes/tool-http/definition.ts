import { z } from "zod";
import type { TNodeDefinition } from "../types";

// HTTP request node: calls an outside API. Side-effecting, so it carries an Idempotency-Key and never re-runs once it
// succeeded. Isomorphic: zod and metadata only.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export const HTTP_BODY_TYPES = ["none", "json", "text", "expression"] as const;
export const HTTP_RESPONSE_TYPES = ["auto", "json", "text"] as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HOST_PATTERN = /^(\*\.)?[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/i;

export const ZHttpConfig = z.object({
  method: z.enum(HTTP_METHODS).default("GET"),
  /** `{{ }}` template, e.g. `https://api.example.com/orders/{{ trigger.body.orderId }}`. */
  url: z.string().trim().min(1, "Enter the URL to call").max(8192),
  /** Header name → `{{ }}` template. */
  headers: z.record(z.string().regex(HEADER_NAME, "Not a valid header name"), z.string().max(8192)).default({}),
  /** Query parameter → `{{ }}` template; added to any query already in the URL. */
  query: z.record(z.string().min(1), z.string().max(8192)).default({}),
  /**
   * json: `body` is a JSON template (`{{ }}` inside string values keep the value's type when they are the whole
   * string); text: `body` is sent as text; expression: `bodyExpression` (JSONata) builds the JSON body.
   * When left out: expression if `bodyExpression` is set, json if `body` is, else none.
   */
  bodyType: z.enum(HTTP_BODY_TYPES).optional(),
  body: z.string().max(1_000_000).default(""),
  bodyExpression: z.string().max(100_000).default(""),
  /** One of the team's stored credentials (bearer, basic, header or query API key). */
  credentialId: z.string().min(1).nullish(),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** Narrows the organisation's allowed hosts for this node (exact hosts or `*.example.com`). */
  allowedHosts: z.array(z.string().trim().regex(HOST_PATTERN, "Use a host name such as api.example.com or *.example.com")).default([]),
  responseType: z.enum(HTTP_RESPONSE_TYPES).default("auto"),
  /** 4xx/5xx fail the step (429 and 5xx may be retried); when off, the status is part of the output. */
  failOnHttpError: z.boolean().default(true),
  followRedirects: z.boolean().default(true),
});
export type THttpConfig = z.infer<typeof ZHttpConfig>;
export type THttpConfigInput = z.input<typeof ZHttpConfig>;

export type THttpOutput = {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  durationMs: number;
  /** What was sent, with credentials and sensitive headers redacted. */
  request: { method: string; url: string; headers: Record<string, string> };
};

export const definition: TNodeDefinition<typeof ZHttpConfig> = {
  type: "tool.http",
  version: 1,
  label: "HTTP request",
  category: "tool",
  icon: "globe",
  description:
    "Calls an HTTP API: method, URL, headers, query and body built from earlier steps, authenticated with a stored credential. Private network addresses are blocked unless an admin allows them.",
  configSchema: ZHttpConfig,
  defaults: {
    method: "GET",
    url: "https://",
    headers: {},
    query: {},
    body: "",
    bodyExpression: "",
    timeoutMs: 30_000,
    allowedHosts: [],
    responseType: "auto",
    failOnHttpError: true,
    followRedirects: true,
  },
  inputs: [{ id: "in", label: "In", dataType: "any" }],
  outputs: () => [{ id: "out", label: "Response", dataType: "object" }],
  summary: (config) => `${config.method} ${config.url}`,
  expressionFields: ["bodyExpression"],
  templateFields: ["url", "body", "headers.*", "query.*"],
  isSideEffecting: true,
  ui: {
    method: { kind: "select", options: HTTP_METHODS.map((m) => ({ value: m, label: m })) },
    url: { kind: "template" },
    headers: { kind: "key-value" },
    query: { kind: "key-value" },
    bodyType: {
      kind: "select",
      options: [
        { value: "none", label: "No body" },
        { value: "json", label: "JSON (template)" },
        { value: "text", label: "Text (template)" },
        { value: "expression", label: "JSON (expression)" },
      ],
    },
    body: { kind: "template" },
    bodyExpression: { kind: "jsonata" },
    credentialId: { kind: "credential" },
    timeoutMs: { kind: "number" },
    allowedHosts: { kind: "json" },
    responseType: {
      kind: "select",
      options: [
        { value: "auto", label: "Automatic (by content type)" },
        { value: "json", label: "JSON" },
        { value: "text", label: "Text" },
      ],
    },
    failOnHttpError: { kind: "toggle" },
    followRedirects: { kind: "toggle" },
  },
};
