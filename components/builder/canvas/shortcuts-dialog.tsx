"use client";

import { ModalDialog } from "@/components/shell/modal-dialog";
import { EXTRA_SHORTCUTS, SHORTCUTS } from "./shortcuts";

export function ShortcutsDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const rows = [...SHORTCUTS.map((s) => ({ keys: s.keys, label: s.label })), ...EXTRA_SHORTCUTS];
  return (
    <ModalDialog isOpen={isOpen} onClose={onClose} title="Keyboard shortcuts">
      <table className="w-full text-sm">
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-b border-slate-100 last:border-0">
              <td className="whitespace-nowrap py-2 pr-5">
                <kbd className="rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700">{row.keys}</kbd>
              </td>
              <td className="py-2 text-slate-700">{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
