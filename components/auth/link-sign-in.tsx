"use client";

import { useState, useSyncExternalStore } from "react";
import { signIn } from "next-auth/react";
import { PASSWORD_PAGE } from "@/server/users/password-page.shared";

const noSubscription = () => () => undefined;

/**
 * Reads the token from the address's fragment (never sent to the server: not in its logs, not in a Referer) and signs
 * in with it when the person asks, so a link preview that only loads the page does not use it up. After the sign-in
 * the fragment is removed from the address and history.
 */
export function LinkSignIn() {
  // null while rendering on the server, where the fragment is unknown.
  const token = useSyncExternalStore(noSubscription, () => window.location.hash.slice(1), () => null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onClick() {
    setIsPending(true);
    setError(null);
    try {
      const result = await signIn("sign-in-link", { token, redirect: false });
      if (!result || result.error) {
        setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "This sign-in link is not valid.");
        return;
      }
      window.history.replaceState(null, "", window.location.pathname);
      window.location.assign(PASSWORD_PAGE);
    } catch {
      setError("Sign-in is unavailable right now. Check your connection and try again.");
    } finally {
      setIsPending(false);
    }
  }

  if (token === null) return null;
  if (!token) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        This address has no sign-in token: open the whole link you were given, or ask an admin for a new one.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => void onClick()}
        disabled={isPending}
        className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </div>
  );
}
