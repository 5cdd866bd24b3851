// Where to send a person after signing in (a `callbackUrl`), read the way a browser reads it: a value is parsed
// against the app's origin with the WHATWG URL parser (which drops tabs and newlines and reads `\` as `/`, so
// `/\host`, `/%09/host` once decoded, `//host`, `https://evil` and `javascript:` all leave the origin) and kept only
// when its origin is the app's. Isomorphic: the sign-in page, its form and next-auth's redirect callback share it.

const LEADING_SLASHES = /^\/+/;

/**
 * The same-origin path (path, query and fragment) that `value` points to, or `fallback` when it points anywhere else
 * or cannot be parsed. The answer never starts with `//`, so it stays on the origin wherever it is resolved.
 */
export function toSameOriginPath(value: string | null | undefined, origin: string, fallback = "/"): string {
  if (!value) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  // `/.//host` normalises to the path `//host`, which a browser would read as another host: keep one slash.
  const path = `/${url.pathname.replace(LEADING_SLASHES, "")}${url.search}${url.hash}`;
  return new URL(path, base).origin === base.origin ? path : fallback;
}
