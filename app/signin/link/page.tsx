import type { Metadata } from "next";
import { AuthFrame } from "@/components/auth/auth-frame";
import { LinkSignIn } from "@/components/auth/link-sign-in";

export const metadata: Metadata = { title: "Sign in with a link" };

/** A one-time sign-in link lands here; its token is after the `#`, so only the browser sees it. */
export default function LinkSignInPage() {
  return (
    <AuthFrame title="Sign in with a link" description="A one-time link an admin gave you: it signs you in once, then you choose your password.">
      <LinkSignIn />
    </AuthFrame>
  );
}
