// One error type for everything a person may see. Unknown errors become a generic 500 message.
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

  constructor(code: TErrorCode, message: string, options: { issues?: TErrorIssue[]; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export type TErrorBody = { error: { code: TErrorCode; message: string; issues?: TErrorIssue[] } };

/** The JSON body sent to clients: never a stack trace, never an internal message. */
export function toErrorBody(error: unknown): { status: number; body: TErrorBody } {
  if (isAppError(error)) {
    const issues = error.issues.length > 0 ? error.issues : undefined;
    return { status: error.status, body: { error: { code: error.code, message: error.message, issues } } };
  }
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side. The error was logged." } },
  };
}
