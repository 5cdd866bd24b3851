import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../config/env";
import { getSecrets } from "../config/secrets";
import { getDb } from "../db/client";
import { getRedis } from "../redis/client";
import { isAppError } from "../errors";
import { log } from "../log";
import { signInWithPassword, type TSignInResult } from "./sign-in";
import { signInWithLink } from "../users/sign-in-links";
import { clientAddressFromHeaders } from "../net/client-ip";
import { provisionOidcUser } from "./oidc";
import { revokeSessions, sessionFacts } from "./sessions";
import { toSameOriginPath } from "../http/same-origin-path.shared";
import { isHttpsUrl } from "../http/security-headers";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Runs a credentials check; next-auth passes an Error's message to the client as `error`, so only our safe messages get there. */
async function safeSignIn(check: () => Promise<TSignInResult>): Promise<TSignInResult> {
  try {
    return await check();
  } catch (error) {
    if (isAppError(error)) throw new Error(error.message);
    log.error({ err: error }, "sign-in failed unexpectedly");
    throw new Error("Sign-in is unavailable right now. Try again in a moment.");
  }
}

export function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) =>
        safeSignIn(() => signInWithPassword({ db: getDb(), redis: getRedis() }, credentials, clientAddressFromHeaders(req.headers))),
    }),
    // A one-time sign-in link from Settings → Users (server/users/sign-in-links.ts): the page /signin/link posts its token.
    CredentialsProvider({
      id: "sign-in-link",
      name: "One-time sign-in link",
      credentials: { token: { label: "Token", type: "text" } },
      authorize: (credentials, req) => safeSignIn(() => signInWithLink({ db: getDb() }, credentials, clientAddressFromHeaders(req.headers))),
    }),
  ];
  if (env.isOidcEnabled) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.preferred_username ?? "" };
      },
    });
  }
  return {
    secret: getSecrets().NEXTAUTH_SECRET,
    // Secure (and __Secure-prefixed) cookies exactly when the app is served over HTTPS: the same switch as HSTS.
    useSecureCookies: isHttpsUrl(env.NEXTAUTH_URL),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // Where next-auth sends the browser after sign-in or sign-out: only a page of this app (see toSameOriginPath).
      async redirect({ url, baseUrl }) {
        return new URL(toSameOriginPath(url, baseUrl), baseUrl).href;
      },
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const provisioned = await provisionOidcUser(getDb(), {
          subject: account.providerAccountId,
          email: user.email ?? "",
          name: user.name ?? "",
        });
        if ("refusal" in provisioned) return provisioned.refusal === "disabled" ? "/signin?error=AccountDisabled" : "/signin?error=OidcNotAllowed";
        user.id = provisioned.id;
        return true;
      },
      async jwt({ token, user }) {
        // The token carries the user id and the session version it was issued under: roles are loaded per request
        // so changes apply at once, and a bumped version (sign-out) ends the session (sessions.ts). It also carries
        // `pcr`, whether the password is a one-time one, for the sign-in page to open the password page; the server
        // reads that from the database on every request, and every change of it bumps the version anyway.
        if (user) {
          const facts = await sessionFacts(getDb(), user.id);
          token.uid = user.id;
          token.sv = facts?.sessionVersion ?? null;
          token.pcr = facts?.isPasswordChangeRequired ?? false;
        }
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          uid: typeof token.uid === "string" ? token.uid : undefined,
          sv: typeof token.sv === "number" ? token.sv : undefined,
          isPasswordChangeRequired: token.pcr === true,
        };
      },
    },
    events: {
      // Signing out ends every session of the person, on every device, not only this browser's cookie.
      async signOut({ token }) {
        if (typeof token?.uid === "string") await revokeSessions(getDb(), token.uid);
      },
    },
    logger: {
      error: (code, metadata) => log.warn({ code, metadata }, "next-auth"),
      warn: (code) => log.debug({ code }, "next-auth"),
      debug: () => undefined,
    },
  };
}
