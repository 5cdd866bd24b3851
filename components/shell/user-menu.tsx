"use client";

import { useEffect, useId, useRef, useState } from "react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { ChevronsUpDown, KeyRound, LogOut } from "lucide-react";
import type { TShellUser } from "./types";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}

export function UserMenu({ user }: { user: TShellUser }) {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  // Close when clicking elsewhere or pressing Escape, like any native menu.
  useEffect(() => {
    if (!isOpen) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setIsOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setIsOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [isOpen]);

  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={`Account: ${user.name}`}
        onClick={() => setIsOpen((v) => !v)}
        className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-slate-100 md:justify-center lg:justify-start"
      >
        <span
          aria-hidden="true"
          className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700"
        >
          {initials(user.name)}
        </span>
        <span className="min-w-0 flex-1 md:hidden lg:block">
          <span className="block truncate text-sm font-medium text-slate-900">{user.name}</span>
          <span className="block truncate text-xs text-slate-500">{user.email}</span>
        </span>
        <ChevronsUpDown aria-hidden="true" className="h-4 w-4 shrink-0 text-slate-400 md:hidden lg:block" />
      </button>
      {isOpen ? (
        <div
          id={panelId}
          className="absolute bottom-full left-0 z-50 mb-2 w-64 rounded-lg border border-slate-200 bg-white p-3 shadow-lg md:bottom-0 md:left-full md:mb-0 md:ml-2 lg:bottom-full lg:left-0 lg:mb-2 lg:ml-0"
        >
          <p className="truncate text-sm font-semibold text-slate-900">{user.name}</p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
          {user.isOrgAdmin ? (
            <p className="mt-2 inline-block rounded bg-violet-100 px-1.5 py-0.5 text-xs font-medium text-violet-700">
              Organisation admin
            </p>
          ) : null}
          <h2 className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-400">Teams</h2>
          {user.memberships.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">No team yet</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {user.memberships.map((m) => (
                <li key={m.teamName} className="flex items-center justify-between gap-2 text-sm">
                  <span className="truncate text-slate-700">{m.teamName}</span>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{m.roleLabel}</span>
                </li>
              ))}
            </ul>
          )}
          <Link
            href="/account/password"
            className="mt-3 flex w-full items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            <KeyRound aria-hidden="true" className="h-4 w-4" />
            Change password
          </Link>
          <button
            type="button"
            onClick={() => void signOut({ callbackUrl: "/signin" })}
            className="mt-2 flex w-full items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            <LogOut aria-hidden="true" className="h-4 w-4" />
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
