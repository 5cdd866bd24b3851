"use client";

import { useEffect, useRef } from "react";
import { X } from "lucide-react";
import { EXTRA_SHORTCUTS, SHORTCUTS } from "./shortcuts";

export function ShortcutsDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  const rows = [...SHORTCUTS.map((s) => ({ keys: s.keys, label: s.label })), ...EXTRA_SHORTCUTS];
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      className="m-auto w-full max-w-lg rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id="shortcuts-title" className="text-base font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <button type="button" onClick={onClose} aria-label="Close" className="rounded-md p-1 text-slate-500 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500">
          <X aria-hidden="true" className="h-4 w-4" />
        </button>
      </div>
      <table className="w-full text-sm">
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-b border-slate-100 last:border-0">
              <td className="whitespace-nowrap px-5 py-2">
                <kbd className="rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700">{row.keys}</kbd>
              </td>
              <td className="px-5 py-2 text-slate-700">{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
