import type { Metadata } from "next";
import Link from "next/link";
import { requireAccountPage } from "@/app/_lib/auth";
import { PasswordForm } from "@/components/auth/password-form";
import { AuthFrame } from "@/components/auth/auth-frame";
import { getEnv } from "@/server/config/env";
import { toSameOriginPath } from "@/server/http/same-origin-path.shared";

export const metadata: Metadata = { title: "Choose a password" };

/**
 * Outside the app shell: a session whose password is a one-time one may open this page and nothing else. After the
 * change the form signs in again (every session ended) and opens `callbackUrl`.
 */
export default async function PasswordPage({ searchParams }: PageProps<"/account/password">) {
  const { principal, isPasswordChangeRequired } = await requireAccountPage();
  const params = await searchParams;
  const callbackUrl = toSameOriginPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined, getEnv().NEXTAUTH_URL);
  return (
    <AuthFrame
      title={isPasswordChangeRequired ? "Choose your password" : "Change your password"}
      description={
        isPasswordChangeRequired
          ? "You signed in with a one-time password or link. Choose your own password to continue."
          : "Every session of yours ends, on every device; this browser signs in again with the new password."
      }
    >
      <PasswordForm email={principal.email} isFirst={isPasswordChangeRequired} callbackUrl={callbackUrl} />
      {isPasswordChangeRequired ? null : (
        <Link href={callbackUrl} className="mt-4 block text-center text-sm text-slate-500 hover:text-slate-800">
          Cancel
        </Link>
      )}
    </AuthFrame>
  );
}
