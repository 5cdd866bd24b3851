"use client";

import { useEffect } from "react";
import { RotateCw, TriangleAlert } from "lucide-react";

// Shows a friendly message and a retry; never the error's message or stack (production hides them anyway, and
// development messages may contain internals).
export default function SectionError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <div
      role="alert"
      className="mx-auto mt-12 max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm"
    >
      <span className="mx-auto mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-amber-50 text-amber-600">
        <TriangleAlert aria-hidden="true" className="h-5 w-5" />
      </span>
      <h1 className="text-lg font-semibold text-slate-900">This page could not load</h1>
      <p className="mt-1 text-sm text-slate-500">
        Something went wrong on our side. Try again; if it keeps happening, tell an admin
        {digest ? (
          <>
            {" "}
            and mention reference <code className="rounded bg-slate-100 px-1 font-mono text-xs">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
      >
        <RotateCw aria-hidden="true" className="h-4 w-4" />
        Try again
      </button>
    </div>
  );
}
