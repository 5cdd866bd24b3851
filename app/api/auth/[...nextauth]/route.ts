import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/app/_lib/auth";

type TContext = { params: Promise<{ nextauth: string[] }> };

const refuse = (status: number, code: string, message: string) => NextResponse.json({ error: { code, message } }, { status });

/**
 * next-auth's own endpoints, behind a gate for what next-auth itself turns into a 500: a POST that is not a form
 * (next-auth's client always posts form-encoded; a JSON or garbled body made it throw), a GET of the credentials
 * callback (only POSTed by the sign-in form) and `_log` (next-auth's client-log endpoint: it lets anyone write to the
 * server's log, and this app does not use the client logger).
 */
async function authHandler(req: Request, ctx: TContext): Promise<Response> {
  const segments = (await ctx.params).nextauth;
  const action = segments[0] ?? "";
  if (action === "_log") return refuse(404, "NOT_FOUND", "There is nothing at this address.");
  if (req.method === "GET" && action === "callback" && segments[1] === "credentials") {
    return refuse(405, "METHOD_NOT_ALLOWED", "Sign in with email and password through the sign-in page.");
  }
  if (req.method === "POST" && !(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return refuse(415, "UNSUPPORTED_MEDIA_TYPE", "Send sign-in requests as a form (application/x-www-form-urlencoded).");
  }
  return NextAuth(authOptions())(req, ctx);
}

export { authHandler as GET, authHandler as POST };
