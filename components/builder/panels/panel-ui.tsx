"use client";

// Small building blocks shared by the builder panels: buttons, a modal dialog, alerts and a panel frame.
import { useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from "react";
import clsx from "clsx";
import { LoaderCircle, X } from "lucide-react";

export const BUTTON = {
  primary:
    "inline-flex items-center justify-center gap-1.5 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60",
  danger:
    "inline-flex items-center justify-center gap-1.5 rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:cursor-not-allowed disabled:opacity-60",
  secondary:
    "inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60",
  small:
    "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60",
  icon: "inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900",
};

const noSubscription = () => () => undefined;

/** False during server rendering and hydration, true after: dialog bodies may read browser state (localStorage). */
function useIsClient(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

type TDialogProps = {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** Tailwind max-width class of the dialog. */
  width?: string;
  children: ReactNode;
  footer?: ReactNode;
};

/**
 * A native modal <dialog>: the browser traps focus, makes the page inert and closes it on Escape; the close event
 * keeps the parent's state in step. The body scrolls between a fixed header and footer. An element marked
 * `data-autofocus` receives the focus when it opens.
 */
export function DialogShell({ isOpen, onClose, title, description, width = "max-w-2xl", children, footer }: TDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const isClient = useIsClient();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      dialog.showModal();
      // The browser focuses the first control (the close button); the field the dialog is about is a better start.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!isOpen && dialog.open) dialog.close();
  }, [isOpen, isClient]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      className={clsx(
        "m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 open:flex open:flex-col",
        width,
      )}
    >
      {isOpen && isClient ? (
        <>
          <header className="flex items-start gap-3 border-b border-slate-200 px-6 py-4">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-lg font-semibold text-slate-900">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="mt-0.5 text-sm text-slate-500">
                  {description}
                </p>
              ) : null}
            </div>
            <button type="button" onClick={onClose} className={BUTTON.icon} aria-label="Close">
              <X aria-hidden="true" className="h-4 w-4" />
            </button>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-4">{children}</div>
          {footer ? (
            <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
              {footer}
            </footer>
          ) : null}
        </>
      ) : null}
    </dialog>
  );
}

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
