// The security headers of every response (pages, API, static files). One rule, used by proxy.ts (pages and API,
// per request: the page policy carries a fresh script nonce) and by next.config.ts (static files, which the proxy
// does not see).

export type TPolicyKind = "page" | "other";

export type TSecurityHeaderOptions = {
  /** Scripts of a page run only with this nonce (Next.js reads it from the request's CSP and puts it on its tags). */
  nonce?: string;
  /** Served over HTTPS (NEXTAUTH_URL is https://…): adds HSTS and upgrades stray http:// subresources. */
  isHttps: boolean;
  /** `next dev` needs eval for React's debugging stack traces; production never does. */
  isDev?: boolean;
};

/** True when the app's public address (NEXTAUTH_URL) is https: the one switch for HSTS and `Secure` cookies. */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const COMMON_DIRECTIVES = ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"];

/**
 * A page's policy: scripts only with the nonce ('strict-dynamic' lets the framework's own scripts load its chunks);
 * styles allow 'unsafe-inline' because React Flow and Recharts position and colour elements with inline style
 * attributes, which a nonce cannot cover. Anything else (API JSON, static files): nothing may load or run.
 */
export function contentSecurityPolicy(kind: TPolicyKind, options: TSecurityHeaderOptions): string {
  if (kind === "other") return ["default-src 'none'", ...COMMON_DIRECTIVES].join("; ");
  const scripts = ["'self'", ...(options.nonce ? [`'nonce-${options.nonce}'`, "'strict-dynamic'"] : []), ...(options.isDev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    ...COMMON_DIRECTIVES,
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Every security header of a response of this kind (CSP included). */
export function securityHeaders(kind: TPolicyKind, options: TSecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(kind, options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(options.isHttps ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
