"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Menu, X } from "lucide-react";
import { SidebarContent } from "./sidebar";
import type { TShellNavItem, TShellUser } from "./types";

type TProps = { items: TShellNavItem[]; user: TShellUser; children: ReactNode };

/**
 * The authenticated frame: a full sidebar from `lg`, an icon rail from `md`, and a top bar with a drawer below that.
 */
export function AppShell({ items, user, children }: TProps) {
  const [isDrawerOpen, setIsDrawerOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isDrawerOpen) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setIsDrawerOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [isDrawerOpen]);

  return (
    <div className="min-h-screen md:flex">
      <aside className="sticky top-0 hidden h-screen shrink-0 border-r border-slate-200 bg-white md:block md:w-16 lg:w-60">
        <SidebarContent items={items} user={user} />
      </aside>

      <header className="sticky top-0 z-30 flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 md:hidden">
        <button
          type="button"
          onClick={() => setIsDrawerOpen(true)}
          aria-label="Open menu"
          aria-expanded={isDrawerOpen}
          className="-ml-2 rounded-md p-2 text-slate-600 hover:bg-slate-100"
        >
          <Menu aria-hidden="true" className="h-5 w-5" />
        </button>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/icon.svg" alt="" className="h-7 w-7" />
        <span className="font-semibold tracking-tight">Baton</span>
      </header>

      {isDrawerOpen ? (
        <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true" aria-label="Menu">
          <div className="absolute inset-0 bg-slate-900/40" onClick={() => setIsDrawerOpen(false)} aria-hidden="true" />
          <div className="absolute inset-y-0 left-0 w-72 max-w-[85vw] bg-white shadow-xl">
            <button
              ref={closeRef}
              type="button"
              onClick={() => setIsDrawerOpen(false)}
              aria-label="Close menu"
              className="absolute right-2 top-3 rounded-md p-2 text-slate-500 hover:bg-slate-100"
            >
              <X aria-hidden="true" className="h-5 w-5" />
            </button>
            <SidebarContent items={items} user={user} onNavigate={() => setIsDrawerOpen(false)} />
          </div>
        </div>
      ) : null}

      <main id="main" className="min-w-0 flex-1">
        <div className="mx-auto max-w-7xl px-4 py-6 md:px-8 md:py-8">{children}</div>
      </main>
    </div>
  );
}
