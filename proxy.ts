import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getSecrets } from "@/server/config/secrets";

// An optimistic first gate: no session, no page (redirect to sign-in) and no private API (401).
// Every page and handler still checks the session and the role on the server.
const PUBLIC_PAGES = ["/signin"];
const PUBLIC_API = ["/api/auth", "/api/healthz", "/api/hooks", "/api/v1"];

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

export async function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  if (isMalformedPath(path)) {
    return NextResponse.json({ error: { code: "BAD_REQUEST", message: "The address is malformed." } }, { status: 400 });
  }
  const isApi = path.startsWith("/api/");
  if (isApi ? startsWithAny(path, PUBLIC_API) : startsWithAny(path, PUBLIC_PAGES)) return NextResponse.next();

  const token = await getToken({ req, secret: getSecrets().NEXTAUTH_SECRET }).catch(() => null);
  if (token?.uid) return NextResponse.next();
  if (isApi) {
    return NextResponse.json(
      { error: { code: "UNAUTHENTICATED", message: "Sign in to use this endpoint." } },
      { status: 401 },
    );
  }
  const signIn = new URL("/signin", req.url);
  if (path !== "/") signIn.searchParams.set("callbackUrl", path + req.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|brand/).*)"],
};
