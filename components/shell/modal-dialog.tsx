"use client";

import { useCallback, useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from "react";
import clsx from "clsx";
import { X } from "lucide-react";
import { BUTTON } from "./form-styles";

const SIZES = { lg: "max-w-lg", xl: "max-w-xl", "2xl": "max-w-2xl", "3xl": "max-w-3xl" } as const;

const noSubscription = () => () => undefined;

/** False during server rendering and hydration, true after: dialog bodies may read browser state (localStorage). */
function useIsClient(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

type TProps = {
  isOpen: boolean;
  /** Called whenever the dialog closes: Escape, the close button, or the parent setting isOpen to false. */
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** Shown before the title, e.g. a warning sign in a circle. */
  icon?: ReactNode;
  /** The dialog's maximum width (Tailwind's max-w scale). */
  size?: keyof typeof SIZES;
  /** Actions that stay in view below a scrolling body. */
  footer?: ReactNode;
  /** The × in the corner; a confirmation with its own Cancel button may leave it out. */
  hasCloseButton?: boolean;
  children: ReactNode;
};

/**
 * The app's modal: a native <dialog> opened with showModal, so the browser makes the page inert, keeps the focus
 * inside and closes it on Escape; the close event keeps the parent's state in step and the focus goes back to where
 * it was. The title and description name and describe it. The body mounts only while open (a form opens fresh) and
 * scrolls between the header and the footer. The first field gets the focus, or an element marked `data-autofocus`.
 */
export function ModalDialog({
  isOpen,
  onClose,
  title,
  description,
  icon,
  size = "lg",
  footer,
  hasCloseButton = true,
  children,
}: TProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  const isClient = useIsClient();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !isClient) return;
    if (isOpen && !dialog.open) {
      returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!isOpen && dialog.open) dialog.close();
  }, [isOpen, isClient]);

  // Browsers restore the focus on close; this also covers a dialog its parent removed while open (no close event
  // then), unless the focus has moved on already.
  const restoreFocus = useCallback((dialog: HTMLDialogElement | null) => {
    const target = returnFocusTo.current;
    returnFocusTo.current = null;
    const active = document.activeElement;
    if (target?.isConnected && (active === null || active === document.body || dialog?.contains(active))) target.focus();
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open && !dialog.isConnected) restoreFocus(dialog);
    };
  }, [restoreFocus]);

  function handleClose() {
    restoreFocus(ref.current);
    onClose();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={handleClose}
      className={clsx(
        "m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40 open:flex open:flex-col",
        SIZES[size],
      )}
    >
      {isOpen && isClient ? (
        <>
          <header className={clsx("flex items-start gap-3 border-b border-slate-200 py-4 pl-6", hasCloseButton ? "pr-14" : "pr-6")}>
            {icon}
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-lg font-semibold text-slate-900">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="mt-1 text-sm text-slate-500">
                  {description}
                </p>
              ) : null}
            </div>
          </header>
          <div className={clsx("min-h-0 flex-1 overflow-y-auto px-6", footer ? "py-4" : "pt-4 pb-6")}>{children}</div>
          {footer ? (
            <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
              {footer}
            </footer>
          ) : null}
          {/* Last in the DOM, so opening the dialog focuses its first field rather than this button. */}
          {hasCloseButton ? (
            <button type="button" onClick={() => ref.current?.close()} aria-label="Close" className={clsx(BUTTON.icon, "absolute top-4 right-4")}>
              <X aria-hidden="true" className="h-4 w-4" />
            </button>
          ) : null}
        </>
      ) : null}
    </dialog>
  );
}

type TActionsProps = {
  onCancel: () => void;
  /** "Create workflow", "Stop all runs"… */
  confirmLabel: string;
  /** "Creating…": shown while isPending. */
  pendingLabel: string;
  isPending: boolean;
  isDisabled?: boolean;
  tone?: "primary" | "danger";
  icon?: ReactNode;
  /** Without it the confirm button submits its form: the one it is in, or the one named by `form` (from a footer). */
  onConfirm?: () => void;
  form?: string;
  /** In the dialog's footer rather than at the end of its body. */
  isInFooter?: boolean;
};

/** Cancel and the confirming action of a dialog. */
export function ModalActions(props: TActionsProps) {
  const { onCancel, confirmLabel, pendingLabel, isPending, isDisabled = false, tone = "primary", icon, onConfirm, form } = props;
  return (
    <div className={props.isInFooter ? "flex gap-2" : "mt-6 flex justify-end gap-2"}>
      <button type="button" onClick={onCancel} className={BUTTON.secondary}>
        Cancel
      </button>
      <button
        type={onConfirm ? "button" : "submit"}
        form={form}
        onClick={onConfirm}
        disabled={isPending || isDisabled}
        className={tone === "danger" ? BUTTON.danger : BUTTON.primary}
      >
        {icon}
        {isPending ? pendingLabel : confirmLabel}
      </button>
    </div>
  );
}
