// The one error type executors (and the engine's helpers) throw for a step failure. The engine reads `code` to
// classify the failure, `isRetryable` to decide on a retry, and shows `message` to a person as is: it must say what
// went wrong in the user's terms (node, field, limit), never a stack trace.

export const NODE_ERROR_CODES = [
  "TIMEOUT",
  "NETWORK",
  "HTTP_4XX",
  "HTTP_5XX",
  "RATE_LIMITED",
  "INVALID_CONFIG",
  "INVALID_INPUT",
  "INVALID_OUTPUT",
  "EXPRESSION",
  "CODE_ERROR",
  "POLICY",
  "CANCELLED",
  "CIRCUIT_OPEN",
  "UPSTREAM",
] as const;

export type TNodeErrorCode = (typeof NODE_ERROR_CODES)[number];

/** Transient failures are worth another attempt; mistakes in the workflow or the data are not. */
export const RETRYABLE_BY_DEFAULT: Record<TNodeErrorCode, boolean> = {
  TIMEOUT: true,
  NETWORK: true,
  HTTP_4XX: false,
  HTTP_5XX: true,
  RATE_LIMITED: true,
  INVALID_CONFIG: false,
  INVALID_INPUT: false,
  INVALID_OUTPUT: false,
  EXPRESSION: false,
  CODE_ERROR: false,
  POLICY: false,
  CANCELLED: false,
  CIRCUIT_OPEN: true,
  UPSTREAM: true,
};

export type TNodeErrorOptions = {
  isRetryable?: boolean;
  details?: Record<string, unknown>;
  cause?: unknown;
};

export class NodeError extends Error {
  readonly code: TNodeErrorCode;
  readonly isRetryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: TNodeErrorCode, message: string, options: TNodeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NodeError";
    this.code = code;
    this.isRetryable = options.isRetryable ?? RETRYABLE_BY_DEFAULT[code];
    this.details = options.details;
  }
}

export function isNodeError(error: unknown): error is NodeError {
  return error instanceof NodeError;
}

/** What a StepRun stores in its `error` column: JSON, no stack. */
export type TStepError = {
  code: TNodeErrorCode | "INTERNAL";
  message: string;
  isRetryable: boolean;
  details?: Record<string, unknown>;
};

/**
 * Unknown errors (a bug in an executor, a library throwing) are retryable once the engine's policy allows it, but
 * their message is not shown: it may hold internals. The engine logs the original with context.
 */
export function toStepError(error: unknown): TStepError {
  if (isNodeError(error)) {
    return { code: error.code, message: error.message, isRetryable: error.isRetryable, details: error.details };
  }
  return { code: "INTERNAL", message: "The step failed with an unexpected error. It was logged.", isRetryable: true };
}
