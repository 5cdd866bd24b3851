import type { ReactNode } from "react";
import Link from "next/link";
import type { LucideIcon } from "lucide-react";

type TProps = {
  icon: LucideIcon;
  code: string;
  title: string;
  children: ReactNode;
  linkHref?: string;
  linkLabel?: string;
};

/**
 * 403/404 pages: they may render outside the app shell, so they carry their own minimal frame (like sign-in). When
 * Next renders them inside the shell's <main id="main">, the `in-[#main]` variants drop the full-screen frame.
 */
export function StandalonePage({
  icon: Icon,
  code,
  title,
  children,
  linkHref = "/workflows",
  linkLabel = "Back to workflows",
}: TProps) {
  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-50 to-brand-50 px-4 in-[#main]:min-h-[70vh] in-[#main]:bg-none">
      <div className="w-full max-w-md text-center">
        <Link href="/workflows" className="mb-8 inline-flex items-center justify-center gap-3 in-[#main]:hidden">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" className="h-10 w-10" />
          <span className="text-2xl font-semibold tracking-tight text-slate-900">Baton</span>
        </Link>
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <span className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
            <Icon aria-hidden="true" className="h-6 w-6" />
          </span>
          <p className="text-xs font-semibold uppercase tracking-wider text-slate-400">{code}</p>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">{title}</h1>
          <div className="mt-2 text-sm text-slate-500">{children}</div>
          <Link
            href={linkHref}
            className="mt-6 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            {linkLabel}
          </Link>
        </div>
      </div>
    </div>
  );
}
