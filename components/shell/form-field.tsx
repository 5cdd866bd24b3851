"use client";

import { useState, type ReactNode } from "react";
import { ApiRequestError } from "@/components/shell/api-client";
import { LABEL } from "@/components/shell/form-styles";
import type { TErrorIssue } from "@/server/errors";

type TSafeParse = { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } };

/**
 * A form's submission state: local checks with the API's own schema, then the server's answer. Field issues go to
 * their fields (`issueFor`); issues of no shown field and the message go to the form's alert.
 */
export function useFormSubmit(fields: readonly string[]) {
  const [issues, setIssues] = useState<TErrorIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function submit(schema: TSafeParse, body: unknown, send: () => Promise<void>): Promise<void> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      setIssues((parsed.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
      setMessage("Some fields are missing or invalid.");
      return;
    }
    setIssues([]);
    setMessage(null);
    setIsPending(true);
    try {
      await send();
    } catch (error) {
      setIssues(error instanceof ApiRequestError ? error.issues : []);
      setMessage(error instanceof Error ? error.message : "The change could not be saved.");
    } finally {
      setIsPending(false);
    }
  }

  const issueFor = (path: string) => issues.find((i) => i.path === path)?.message;
  const others = issues.filter((i) => !fields.includes(i.path)).map((i) => i.message);
  const alert = message ? [message, ...others.filter((m) => m !== message)].join(" ") : null;
  const clear = () => (setIssues([]), setMessage(null));
  return { submit, issueFor, alert, isPending, clear };
}

/** A labelled control with its hint and its error, tied together for assistive technology. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The attributes that tie a control to its Field's error. */
export function fieldAria(id: string, error: string | undefined) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined };
}

export function FormAlert({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {text}
    </p>
  ) : null;
}
