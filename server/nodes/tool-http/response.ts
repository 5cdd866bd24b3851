import type { IncomingHttpHeaders } from "node:http";
import type { TBreakerOutcome } from "../../net/circuit-breaker";
import { redactText, type TCredentialAuth } from "../../net/credentials";
import { retryAfterMs } from "../../net/retry-after";
import { NodeError } from "../node-error";
import type { THttpConfig } from "./definition";

// Reading what came back: which headers to keep, how to decode the body, and which statuses fail the step.

const KEPT_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-language",
  "cache-control",
  "etag",
  "last-modified",
  "location",
  "link",
  "retry-after",
  "x-request-id",
  "request-id",
  "x-correlation-id",
]);
const KEPT_PREFIXES = ["x-ratelimit-", "ratelimit-"];

/** The headers worth keeping in the step output; never cookies or anything credential-like. */
export function selectHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (KEPT_HEADERS.has(name) || KEPT_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      kept[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return kept;
}

const isJsonType = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\b|^text\/json\b/i.test(contentType);

/** Decodes the body; a secret the API echoes back (some echo request headers) is redacted like everywhere else. */
export function parseResponseBody(
  body: Buffer,
  contentType: string,
  responseType: THttpConfig["responseType"],
  hostname: string,
  auth: TCredentialAuth,
): unknown {
  if (body.length === 0) return null;
  const text = redactText(body.toString("utf8"), auth);
  if (responseType === "text") return text;
  if (responseType === "json") {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new NodeError("INVALID_OUTPUT", `${hostname} did not answer with JSON (content type: ${contentType || "none"}). Set the response type to Text to accept it.`, {
        isRetryable: false,
        details: { contentType, preview: text.slice(0, 200) },
      });
    }
  }
  if (!isJsonType(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** 5xx, 429 and 408 mean the host is struggling; anything else it answered is proof that it is up. */
export function breakerOutcomeOf(status: number): TBreakerOutcome {
  return status >= 500 || status === 429 || status === 408 ? "failure" : "success";
}

type TStatusInput = { status: number; statusText: string; body: Buffer; headers: IncomingHttpHeaders; method: string; url: string };

/** The error for a failed status, or null: 429 and 5xx may be retried, other 4xx will fail the same way again. */
export function httpStatusError(input: TStatusInput, auth: TCredentialAuth): NodeError | null {
  const { status } = input;
  if (status < 400) return null;
  const preview = redactText(input.body.toString("utf8", 0, Math.min(input.body.length, 2000)), auth).slice(0, 300).trim();
  const answered = `${input.method} ${input.url} answered ${status}${input.statusText ? ` ${input.statusText}` : ""}`;
  const message = preview ? `${answered}: ${preview}` : answered;
  const details = { status, body: preview };
  if (status === 429) {
    const wait = retryAfterMs(firstHeader(input.headers["retry-after"]));
    return new NodeError("RATE_LIMITED", message, { isRetryable: true, details: { ...details, retryAfterMs: wait } });
  }
  if (status >= 500) return new NodeError("HTTP_5XX", message, { isRetryable: true, details });
  return new NodeError("HTTP_4XX", message, { isRetryable: status === 408, details });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
