"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";
import { NavIcon } from "./nav-icon";
import type { TShellNavItem } from "./types";

export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * One sidebar entry. Below `lg` (but from `md`) the sidebar shows icons only: the label becomes screen-reader text and
 * the badge shrinks to a bubble on the icon, so the accessible name stays "Inbox" at every width.
 */
export function NavLink({ item, onNavigate }: { item: TShellNavItem; onNavigate?: () => void }) {
  const pathname = usePathname();
  const isActive = isActivePath(pathname, item.href);
  const badge = item.badge && item.badge > 0 ? (item.badge > 99 ? "99+" : String(item.badge)) : null;
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={isActive ? "page" : undefined}
      aria-label={badge ? `${item.label}, ${item.badge} pending` : undefined}
      title={item.label}
      className={clsx(
        "group relative flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors md:justify-center md:px-2 lg:justify-start lg:px-3",
        isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      <NavIcon
        name={item.icon}
        className={clsx("h-5 w-5 shrink-0", isActive ? "text-brand-600" : "text-slate-400 group-hover:text-slate-600")}
      />
      <span className="truncate md:sr-only lg:not-sr-only">{item.label}</span>
      {badge ? (
        <>
          <span
            aria-hidden="true"
            className="ml-auto rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white md:hidden lg:inline"
          >
            {badge}
          </span>
          <span
            aria-hidden="true"
            className="absolute right-1 top-1 hidden min-w-4 rounded-full bg-brand-600 px-1 text-center text-[10px] font-semibold leading-4 text-white md:block lg:hidden"
          >
            {badge}
          </span>
        </>
      ) : null}
    </Link>
  );
}
