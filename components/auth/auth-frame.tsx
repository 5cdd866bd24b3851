import type { ReactNode } from "react";

/** The sign-in pages' frame: the logo and a card, outside the app shell. */
export function AuthFrame({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-50 to-brand-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-3">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" className="h-10 w-10" />
          <span className="text-2xl font-semibold tracking-tight">Baton</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">{title}</h1>
          <p className="mb-6 text-sm text-slate-500">{description}</p>
          {children}
        </div>
      </div>
    </main>
  );
}
