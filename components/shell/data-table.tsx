import type { ReactNode } from "react";
import clsx from "clsx";

type TChildren = { children: ReactNode; className?: string };

/** A bordered, horizontally scrollable table; `label` names it for assistive technology and tests. */
export function Table({ label, children, className }: TChildren & { label: string }) {
  return (
    <div className={clsx("overflow-x-auto rounded-lg border border-slate-200 bg-white", className)}>
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: TChildren) {
  return (
    <thead className="bg-slate-50">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, className, align = "left" }: TChildren & { align?: "left" | "right" }) {
  return (
    <th
      scope="col"
      className={clsx(
        "whitespace-nowrap px-4 py-2.5 text-xs font-medium uppercase tracking-wide text-slate-500",
        align === "right" ? "text-right" : "text-left",
        className,
      )}
    >
      {children}
    </th>
  );
}

export function TBody({ children }: TChildren) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Tr({ children, className }: TChildren) {
  return <tr className={clsx("hover:bg-slate-50/60", className)}>{children}</tr>;
}

export function Td({ children, className, align = "left", colSpan }: TChildren & { align?: "left" | "right"; colSpan?: number }) {
  return (
    <td
      colSpan={colSpan}
      className={clsx(
        "px-4 py-3 align-top text-slate-700",
        align === "right" ? "text-right tabular-nums" : "",
        className,
      )}
    >
      {children}
    </td>
  );
}

/** Secondary text under a cell's main value. */
export function Sub({ children }: { children: ReactNode }) {
  return <div className="mt-0.5 text-xs text-slate-500">{children}</div>;
}
