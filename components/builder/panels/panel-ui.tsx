"use client";

// Small building blocks shared by the builder panels: a panel frame, alerts, a spinner and a load error.
import { useId, type ReactNode } from "react";
import clsx from "clsx";
import { LoaderCircle, RefreshCw, X } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";

type TPanelProps = {
  title: string;
  subtitle?: ReactNode;
  onClose: () => void;
  actions?: ReactNode;
  children: ReactNode;
  /** Accessible name of the close button, e.g. "Close version history". */
  closeLabel: string;
};

/** A side panel that fills the height its container gives it, with a sticky header and a scrolling body. */
export function PanelFrame({ title, subtitle, onClose, actions, children, closeLabel }: TPanelProps) {
  const titleId = useId();
  return (
    <aside aria-labelledby={titleId} className="flex h-full min-h-0 flex-col bg-white text-slate-900">
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="truncate text-base font-semibold text-slate-900">
            {title}
          </h2>
          {subtitle ? <div className="mt-0.5 text-xs text-slate-500">{subtitle}</div> : null}
        </div>
        {actions}
        <button type="button" onClick={onClose} className={BUTTON.icon} aria-label={closeLabel}>
          <X aria-hidden="true" className="h-4 w-4" />
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </aside>
  );
}

const ALERT_TONES = {
  red: "border-red-200 bg-red-50 text-red-800",
  amber: "border-amber-200 bg-amber-50 text-amber-900",
  green: "border-emerald-200 bg-emerald-50 text-emerald-800",
  slate: "border-slate-200 bg-slate-50 text-slate-700",
};

export function Alert({
  tone,
  title,
  children,
  icon,
  isLive = true,
}: {
  tone: keyof typeof ALERT_TONES;
  title?: string;
  children?: ReactNode;
  icon?: ReactNode;
  /** Announced when it appears (errors, results); false for static notes. */
  isLive?: boolean;
}) {
  return (
    <div
      role={isLive ? (tone === "red" || tone === "amber" ? "alert" : "status") : undefined}
      className={clsx("flex gap-2 rounded-md border px-3 py-2 text-sm", ALERT_TONES[tone])}
    >
      {icon}
      <div className="min-w-0 flex-1 break-words">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={clsx(title && "mt-1")}>{children}</div> : null}
      </div>
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
      <LoaderCircle aria-hidden="true" className="h-4 w-4 animate-spin" />
      {label}
    </p>
  );
}

/** A query that failed: what could not be loaded, the server's message, and a retry. */
export function LoadError({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <Alert tone="red" title={title}>
      <p>{message}</p>
      <button type="button" className={`${BUTTON.small} mt-2`} onClick={onRetry}>
        <RefreshCw aria-hidden="true" className="h-3.5 w-3.5" />
        Try again
      </button>
    </Alert>
  );
}
