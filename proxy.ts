import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "@/server/config/env";
import { getSecrets } from "@/server/config/secrets";
import { CROSS_SITE_MESSAGE, isCrossSiteRequest, NON_SESSION_API_PREFIXES } from "@/server/http/cross-site";
import { isHttpsUrl, newNonce, securityHeaders, type TPolicyKind } from "@/server/http/security-headers";

// Runs before every page and API request (static files are matched out below; next.config.ts gives them the same
// headers). In order: a malformed address is refused; a state-changing API request carrying the session cookie must
// come from the app's own pages (CSRF); then an optimistic first gate: no session, no page (redirect to sign-in) and
// no private API (401) unless the request carries an API key for its route to check. Every page and handler still
// checks the session (or key) and the role on the server. Every answer, the proxy's own included, carries the
// security headers; a page's Content-Security-Policy has a fresh script nonce, which Next.js reads from the
// request's copy of the header and puts on its own script tags.
const PUBLIC_PAGES = ["/signin"];
const PUBLIC_API = [...NON_SESSION_API_PREFIXES, "/api/healthz"];

function startsWithAny(path: string, prefixes: string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}/`));
}

/** A path that is not valid percent-encoding, or hides a NUL byte, is refused before any route sees it. */
function isMalformedPath(raw: string): boolean {
  try {
    return decodeURIComponent(raw).includes("\u0000");
  } catch {
    return true;
  }
}

function withHeaders<T extends Response>(res: T, headers: Record<string, string>): T {
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

function errorJson(code: string, message: string, status: number, headers: Record<string, string>) {
  return withHeaders(NextResponse.json({ error: { code, message } }, { status }), headers);
}

export async function proxy(req: NextRequest) {
  const env = getEnv();
  const path = req.nextUrl.pathname;
  const isApi = path.startsWith("/api/");
  const kind: TPolicyKind = isApi ? "other" : "page";
  const nonce = kind === "page" ? newNonce() : undefined;
  const headers = securityHeaders(kind, { nonce, isHttps: isHttpsUrl(env.NEXTAUTH_URL), isDev: env.NODE_ENV === "development" });

  if (isMalformedPath(path)) return errorJson("BAD_REQUEST", "The address is malformed.", 400, headers);
  const crossSite = {
    method: req.method,
    path,
    cookieNames: req.cookies.getAll().map((c) => c.name),
    secFetchSite: req.headers.get("sec-fetch-site"),
    origin: req.headers.get("origin"),
    appOrigins: [new URL(env.NEXTAUTH_URL).origin, req.nextUrl.origin],
  };
  if (isCrossSiteRequest(crossSite)) return errorJson("FORBIDDEN", CROSS_SITE_MESSAGE, 403, headers);

  const next = () => {
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
  };
  if (isApi ? startsWithAny(path, PUBLIC_API) : startsWithAny(path, PUBLIC_PAGES)) return next();

  // An API request with an Authorization header is judged by its route: requireApi checks the API key (and refuses
  // it together with a session cookie). Pages never accept keys.
  if (isApi && req.headers.has("authorization")) return next();
  const token = await getToken({ req, secret: getSecrets().NEXTAUTH_SECRET, secureCookie: isHttpsUrl(env.NEXTAUTH_URL) }).catch(() => null);
  if (token?.uid) return next();
  if (isApi) return errorJson("UNAUTHENTICATED", "Sign in to use this endpoint, or send an API key (Authorization: Bearer <key>).", 401, headers);
  const signIn = new URL("/signin", req.url);
  if (path !== "/") signIn.searchParams.set("callbackUrl", path + req.nextUrl.search);
  return withHeaders(NextResponse.redirect(signIn), headers);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|brand/).*)"],
};
