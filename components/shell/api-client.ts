// The browser's calls to Baton's API: JSON in, JSON out, and one error type that keeps what the server said
// ({ error: { code, message, issues, details } }, see server/errors.ts) so that each screen can explain a refusal.
import { z } from "zod";
import type { TErrorIssue } from "@/server/errors";

/** An API refusal (or an unreachable server, status 0) with the server's user-safe message, code, issues and details. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string | null;
  /** Field issues of a 400, e.g. { path: "name", message: "…" }. */
  readonly issues: TErrorIssue[];
  /** Structured extras, e.g. the graph problems of a refused publish or the current revision of a stale draft. */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    message: string,
    options: { code?: string | null; issues?: TErrorIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = options.code ?? null;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** The message of the issue about one field, e.g. "name". */
  issueFor(path: string): string | undefined {
    return this.issues.find((i) => i.path === path)?.message;
  }
}

export const UNREACHABLE_MESSAGE = "Baton could not be reached. Check your connection and try again.";

// Lenient: a malformed part (say, the issues) is dropped, never the message with it.
const ZErrorPayload = z.object({
  error: z.object({
    code: z.string().nullish().catch(null),
    message: z.string().min(1).nullish().catch(null),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).nullish().catch(null),
    details: z.record(z.string(), z.unknown()).nullish().catch(null),
  }),
});

function toError(status: number, payload: unknown): ApiRequestError {
  const parsed = ZErrorPayload.safeParse(payload);
  const error = parsed.success ? parsed.data.error : null;
  return new ApiRequestError(status, error?.message ?? `The request failed (HTTP ${status}). Try again.`, {
    code: error?.code,
    issues: error?.issues ?? [],
    details: error?.details ?? {},
  });
}

export type TRequestInit = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown };

/** Sends `body` as JSON and resolves with the JSON answer; rejects with an ApiRequestError. */
export async function request<T>(url: string, init: TRequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiRequestError(0, UNREACHABLE_MESSAGE);
  }
  const payload: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toError(res.status, payload);
  return payload as T;
}

/** A message for any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
