import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toErrorBody } from "@/server/errors";
import { log } from "@/server/log";
import { readJsonBody } from "@/server/http/read-json";

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

/** Reads and validates a JSON body: a clear 400/413/415 for anything malformed (see server/http/read-json.ts). */
export async function readJson<T extends z.ZodType>(req: NextRequest, schema: T): Promise<z.infer<T>> {
  return readJsonBody(req, schema);
}
