import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../config/env";
import { getSecrets } from "../config/secrets";
import { getDb } from "../db/client";
import { getRedis } from "../redis/client";
import { isAppError } from "../errors";
import { log } from "../log";
import { signInWithPassword } from "./sign-in";
import { clientAddressFromHeaders } from "../net/client-ip";
import { provisionOidcUser } from "./oidc";
import { currentSessionVersion, revokeSessions } from "./sessions";
import { toSameOriginPath } from "../http/same-origin-path.shared";
import { isHttpsUrl } from "../http/security-headers";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          return await signInWithPassword({ db: getDb(), redis: getRedis() }, credentials, clientAddressFromHeaders(req.headers));
        } catch (error) {
          // next-auth passes an Error's message to the client as `error`: only our safe messages get there.
          if (isAppError(error)) throw new Error(error.message);
          log.error({ err: error }, "sign-in failed unexpectedly");
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
      },
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
        if (!provisioned) return "/signin?error=OidcNotAllowed";
        user.id = provisioned.id;
        return true;
      },
      async jwt({ token, user }) {
        // The token carries only the user id and the session version it was issued under: roles are loaded per
        // request so changes apply at once, and a bumped version (sign-out) ends the session (sessions.ts).
        if (user) {
          token.uid = user.id;
          token.sv = await currentSessionVersion(getDb(), user.id);
        }
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          uid: typeof token.uid === "string" ? token.uid : undefined,
          sv: typeof token.sv === "number" ? token.sv : undefined,
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
