"use client";

import Link from "next/link";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";
import type { TShellNavItem, TShellUser } from "./types";

type TProps = { items: TShellNavItem[]; user: TShellUser; onNavigate?: () => void };

/** Sidebar content; the same markup serves the desktop rail and the mobile drawer. */
export function SidebarContent({ items, user, onNavigate }: TProps) {
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <Link
        href="/workflows"
        onClick={onNavigate}
        className="flex items-center gap-2 px-2 py-1 md:justify-center lg:justify-start"
      >
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/icon.svg" alt="" className="h-8 w-8" />
        <span className="text-lg font-semibold tracking-tight md:sr-only lg:not-sr-only">Baton</span>
      </Link>
      <nav aria-label="Main" className="flex-1 overflow-y-auto">
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.href}>
              <NavLink item={item} onNavigate={onNavigate} />
            </li>
          ))}
        </ul>
      </nav>
      <div className="border-t border-slate-200 pt-3">
        <UserMenu user={user} />
      </div>
    </div>
  );
}
