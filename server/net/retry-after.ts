// `Retry-After` as the HTTP standard writes it (seconds, or an HTTP date) and `retry-after-ms` (milliseconds, sent by
// OpenAI and Azure OpenAI), read as a wait in milliseconds from now. One reading for HTTP nodes and model providers.

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait a response asks for: `retry-after-ms` when it is a number, else `Retry-After`. Header names in lower case. */
export function retryAfterFromHeaders(headers: Record<string, string | undefined> | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers["retry-after-ms"]);
  if (headers["retry-after-ms"] && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  return retryAfterMs(headers["retry-after"], now);
}
