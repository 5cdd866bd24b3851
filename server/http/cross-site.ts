// Cross-site request forgery: the session cookie is SameSite=Lax, which still goes with a form POST from a same-site
// page (another port on the same host, a sibling subdomain). A state-changing API request that carries the cookie
// must therefore come from the app's own pages: the browser's `Sec-Fetch-Site` says so, or (older browsers) its
// `Origin` is the app's. No browser sends a cross-site request without both headers, so a request with neither
// (curl, scripts, test clients) is not a forgery and is left to the session check.

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * API routes not authenticated by the session cookie, so a forged request gains nothing from it: next-auth's own
 * endpoints (they check their own CSRF token) and webhooks (workflow secret or HMAC). The proxy's session gate lets
 * the same prefixes through (one list): a route added under them must not rely on the session.
 */
export const NON_SESSION_API_PREFIXES = ["/api/auth", "/api/hooks"];

/** next-auth's session cookie, plain or `__Secure-` (HTTPS), whole or in chunks (`.0`, `.1`…). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export const CROSS_SITE_MESSAGE =
  "Cross-site request refused: this action can only be sent from Baton's own pages. Reload Baton and try again.";

export type TCrossSiteRequest = {
  method: string;
  path: string;
  cookieNames: string[];
  secFetchSite: string | null;
  origin: string | null;
  /** The origins of the app itself (NEXTAUTH_URL's, and the one the request was addressed to). */
  appOrigins: string[];
};

/** Does the request carry next-auth's session cookie? */
export function hasSessionCookie(cookieNames: readonly string[]): boolean {
  return cookieNames.some((name) => SESSION_COOKIE.test(name));
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** True when the request must be refused as cross-site. */
export function isCrossSiteRequest(req: TCrossSiteRequest): boolean {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return false;
  if (!isUnder(req.path, "/api") || NON_SESSION_API_PREFIXES.some((p) => isUnder(req.path, p))) return false;
  if (!hasSessionCookie(req.cookieNames)) return false;
  if (req.secFetchSite !== null) return req.secFetchSite !== "same-origin";
  if (req.origin === null) return false;
  return !req.appOrigins.includes(req.origin);
}
