// Client-side calls of Settings → Engine: one query-key factory and a fetch helper that turns the API's error body
// into an ApiError with its field issues (never a stack trace).
import type { TErrorBody, TErrorIssue } from "@/server/errors";

export const engineKeys = {
  all: ["engine"] as const,
  status: () => [...engineKeys.all, "status"] as const,
  network: () => [...engineKeys.all, "network"] as const,
};

export const STATUS_REFRESH_MS = 5000;

export class ApiError extends Error {
  readonly status: number;
  readonly issues: TErrorIssue[];

  constructor(status: number, message: string, issues: TErrorIssue[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.issues = issues;
  }
}

export async function requestJson<T>(
  url: string,
  init: { method?: "GET" | "POST" | "PUT"; body?: unknown } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "Baton could not be reached. Check your connection and try again.");
  }
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return payload as T;
  const error = (payload as Partial<TErrorBody> | null)?.error;
  throw new ApiError(
    res.status,
    error?.message ?? `The server answered with HTTP ${res.status}. Try again.`,
    error?.issues ?? [],
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
