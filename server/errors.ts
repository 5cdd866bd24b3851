// One error type for everything a person may see. Unknown errors become a generic 500 message.
import type { z } from "zod";
import { zodIssues } from "./shared/zod-issue-message.shared";

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export type TErrorIssue = { path: string; message: string };

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly issues: TErrorIssue[];
  readonly retryAfterSeconds?: number;
  /** Structured, user-safe extras for clients (e.g. the graph problems of a refused publish). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: TErrorCode,
    message: string,
    options: { issues?: TErrorIssue[]; retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export type TErrorBody = {
  error: { code: TErrorCode; message: string; issues?: TErrorIssue[]; details?: Record<string, unknown> };
};

/** The JSON body sent to clients: never a stack trace, never an internal message. */
export function toErrorBody(error: unknown): { status: number; body: TErrorBody } {
  if (isAppError(error)) {
    const issues = error.issues.length > 0 ? error.issues : undefined;
    return { status: error.status, body: { error: { code: error.code, message: error.message, issues, details: error.details } } };
  }
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side. The error was logged." } },
  };
}

type TSafeParser<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: z.core.$ZodIssue[] } } };

/** Validates input at a boundary: every problem becomes a 400 issue with its field path, worded in English. */
export function parseOrThrow<T>(schema: TSafeParser<T>, value: unknown, message = "Some fields are missing or invalid."): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("VALIDATION", message, { issues: zodIssues(result.error) });
}
