import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toErrorBody } from "@/server/errors";
import { log } from "@/server/log";

type TContext<P> = { params: Promise<P> };

/** Wraps a route handler: AppErrors become their 4xx JSON, anything else a logged, generic 500. */
export function handler<P = Record<string, string>>(
  fn: (req: NextRequest, ctx: TContext<P>) => Promise<Response>,
): (req: NextRequest, ctx: TContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await fn(req, ctx);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      if (status >= 500) log.error({ err: error, method: req.method, path: req.nextUrl.pathname }, "route failed");
      const headers: Record<string, string> = {};
      if (error instanceof AppError && error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
      return NextResponse.json(body, { status, headers });
    }
  };
}

const MAX_JSON_BYTES = 1_000_000;

/** Reads and validates a JSON body: a clear 400/413/415 for anything malformed. */
export async function readJson<T extends z.ZodType>(req: NextRequest, schema: T): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with the header Content-Type: application/json.");
  }
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid JSON";
    throw new AppError("BAD_REQUEST", `The request body is not valid JSON: ${detail}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("VALIDATION", "Some fields are missing or invalid.", { issues });
  }
  return parsed.data;
}
