import type { ReactNode } from "react";
import clsx from "clsx";

export type TTone = "slate" | "blue" | "amber" | "green" | "red" | "violet" | "sky";

const TONES: Record<TTone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-200",
  blue: "bg-brand-50 text-brand-700 ring-brand-100",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  violet: "bg-violet-50 text-violet-700 ring-violet-200",
  sky: "bg-sky-50 text-sky-700 ring-sky-200",
};

export function Badge({ tone = "slate", children, title }: { tone?: TTone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={clsx(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}

/** Enabled / disabled, Active / Inactive and similar two-state flags. */
export function FlagBadge({ isOn, on = "Enabled", off = "Disabled" }: { isOn: boolean; on?: string; off?: string }) {
  return <Badge tone={isOn ? "green" : "slate"}>{isOn ? on : off}</Badge>;
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{children}</span>;
}
