import type { ReactNode } from "react";
import clsx from "clsx";

/** A titled chart panel; `figure` + caption gives each chart an accessible name. */
export function ChartCard({
  title,
  description,
  children,
  className,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <figure aria-label={title} className={clsx("min-w-0 rounded-lg border border-slate-200 bg-white p-4", className)}>
      <figcaption className="mb-3">
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        {description ? <span className="block text-xs text-slate-500">{description}</span> : null}
      </figcaption>
      {children}
    </figure>
  );
}

export function ChartEmpty({ children }: { children: ReactNode }) {
  return <div className="flex h-[260px] items-center justify-center text-sm text-slate-400">{children}</div>;
}
