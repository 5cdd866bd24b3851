"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { FIELD } from "@/components/shell/form-styles";
import { Field, fieldAria, FormAlert, useFormSubmit } from "@/components/shell/form-field";
import { request } from "@/components/shell/api-client";
import { toSameOriginPath } from "@/server/http/same-origin-path.shared";
import { PASSWORD_MIN, ZPasswordChange } from "@/server/users/user-input.shared";

/**
 * Chooses a password. The change ends every session of the person (this one too), so the form signs in again with
 * the new password and then opens `callbackUrl`.
 */
export function PasswordForm({ email, isFirst, callbackUrl }: { email: string; isFirst: boolean; callbackUrl: string }) {
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [repeatError, setRepeatError] = useState<string | null>(null);
  const form = useFormSubmit(["currentPassword", "newPassword"]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRepeatError(password === repeat ? null : "The two passwords differ");
    if (password !== repeat) return;
    const body = { ...(isFirst ? {} : { currentPassword: current }), newPassword: password };
    void form.submit(ZPasswordChange, body, async () => {
      await request("/api/me/password", { method: "POST", body });
      const result = await signIn("credentials", { email, password, redirect: false });
      // The password is changed either way; without a new session the person signs in on the sign-in page.
      window.location.assign(result?.ok ? toSameOriginPath(callbackUrl, window.location.origin) : "/signin");
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {isFirst ? null : (
        <Field id="current-password" label="Current password" error={form.issueFor("currentPassword")}>
          <input {...fieldAria("current-password", form.issueFor("currentPassword"))} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} className={FIELD} />
        </Field>
      )}
      <Field id="new-password" label="New password" error={form.issueFor("newPassword")} hint={`At least ${PASSWORD_MIN} characters.`}>
        <input {...fieldAria("new-password", form.issueFor("newPassword"))} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} className={FIELD} />
      </Field>
      <Field id="repeat-password" label="Repeat the new password" error={repeatError ?? undefined}>
        <input {...fieldAria("repeat-password", repeatError ?? undefined)} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} className={FIELD} />
      </Field>
      <FormAlert text={form.alert} />
      <button
        type="submit"
        disabled={form.isPending}
        className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {form.isPending ? "Saving…" : isFirst ? "Choose password and continue" : "Change password"}
      </button>
    </form>
  );
}
