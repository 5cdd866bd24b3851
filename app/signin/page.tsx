import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getEnv } from "@/server/config/env";
import { getPrincipal } from "@/app/_lib/auth";
import { SignInForm } from "@/components/auth/sign-in-form";
import { toSameOriginPath } from "@/server/http/same-origin-path.shared";
import { ACCOUNT_DISABLED_MESSAGE } from "@/server/auth/principal";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OidcNotAllowed: "Your single sign-on account has no access to Baton yet. Ask an admin to invite you.",
  OAuthSignin: "Single sign-on could not start. Try again or use your email and password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Access was denied.",
  SessionRequired: "Sign in to continue.",
  AccountDisabled: ACCOUNT_DISABLED_MESSAGE,
};

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const env = getEnv();
  // Only a page of this app: anything that would leave its origin (`/\host`, `/%09/host`, `//host`…) becomes "/".
  const callbackUrl = toSameOriginPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined, env.NEXTAUTH_URL);
  if (await getPrincipal()) redirect(callbackUrl);
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-50 to-brand-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-3">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" className="h-10 w-10" />
          <span className="text-2xl font-semibold tracking-tight">Baton</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-6 text-sm text-slate-500">The control plane for your AI workflows.</p>
          <SignInForm
            callbackUrl={callbackUrl}
            initialError={errorKey ? (ERRORS[errorKey] ?? "Sign-in failed. Try again.") : undefined}
            oidc={env.isOidcEnabled ? { name: env.OIDC_NAME } : undefined}
          />
        </div>
      </div>
    </main>
  );
}
