"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ToggleEvent } from "react";
import { useRouter } from "next/navigation";
import { Archive, ArchiveRestore, Copy, Download, MoreHorizontal } from "lucide-react";
import type { TWorkflowListItem } from "@/server/workflows/workflow-list.shared";
import { ArchiveWorkflowDialog } from "./archive-workflow-dialog";
import { DuplicateWorkflowDialog } from "./duplicate-workflow-dialog";
import type { TTeamOption } from "./workflow-fields";
import { exportUrl, setWorkflowStatus } from "./workflow-api";

const MENU_WIDTH = 192;
const ITEM =
  "flex w-full items-center gap-2 rounded px-2.5 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";

type TProps = {
  workflow: Pick<TWorkflowListItem, "id" | "name" | "teamId" | "status" | "canWrite">;
  /** Teams where the person can build: where a copy can go. */
  writableTeams: TTeamOption[];
};

/**
 * The row's actions in a menu. A native popover: it sits in the top layer (the table's scroll box cannot clip it),
 * closes on Escape or a click elsewhere, and gives focus back to its button.
 */
export function WorkflowRowActions({ workflow, writableTeams }: TProps) {
  const router = useRouter();
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [dialog, setDialog] = useState<"duplicate" | "archive" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isArchived = workflow.status === "archived";

  // A fixed menu would drift away from its row: scrolling closes it.
  useEffect(() => {
    if (!isOpen) return;
    const close = () => menuRef.current?.hidePopover();
    window.addEventListener("scroll", close, { capture: true, passive: true });
    window.addEventListener("resize", close);
    return () => {
      window.removeEventListener("scroll", close, { capture: true });
      window.removeEventListener("resize", close);
    };
  }, [isOpen]);

  function onBeforeToggle(event: ToggleEvent<HTMLDivElement>) {
    const button = buttonRef.current;
    const menu = menuRef.current;
    if (event.newState !== "open" || !button || !menu) return;
    const rect = button.getBoundingClientRect();
    menu.style.top = `${rect.bottom + 4}px`;
    menu.style.left = `${Math.max(8, rect.right - MENU_WIDTH)}px`;
  }

  function onToggle(event: ToggleEvent<HTMLDivElement>) {
    const isNowOpen = event.newState === "open";
    const menu = menuRef.current;
    setIsOpen(isNowOpen);
    if (!isNowOpen || !menu || !buttonRef.current) return;
    // Near the bottom of the window, the menu opens upwards (its height is only known once it is shown).
    const rect = buttonRef.current.getBoundingClientRect();
    if (rect.bottom + 4 + menu.offsetHeight > window.innerHeight - 8) {
      menu.style.top = `${Math.max(8, rect.top - 4 - menu.offsetHeight)}px`;
    }
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) {
      if (event.key === "Tab") menuRef.current?.hidePopover();
      return;
    }
    event.preventDefault();
    items[(next + items.length) % items.length]?.focus();
  }

  function open(which: "duplicate" | "archive") {
    menuRef.current?.hidePopover();
    setDialog(which);
  }

  async function restore() {
    menuRef.current?.hidePopover();
    setError(null);
    try {
      await setWorkflowStatus(workflow.id, "restore");
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The workflow could not be restored.");
    }
  }

  return (
    <div className="flex flex-col items-end">
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={menuId}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-label={`Actions for ${workflow.name}`}
        className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
      </button>
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={`Actions for ${workflow.name}`}
        onBeforeToggle={onBeforeToggle}
        onToggle={onToggle}
        onKeyDown={onMenuKeyDown}
        style={{ width: MENU_WIDTH }}
        className="fixed inset-auto m-0 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
      >
        <a role="menuitem" href={exportUrl(workflow.id)} download className={ITEM} onClick={() => menuRef.current?.hidePopover()}>
          <Download aria-hidden="true" className="h-4 w-4 text-slate-400" />
          Export JSON
        </a>
        {writableTeams.length > 0 ? (
          <button role="menuitem" type="button" className={ITEM} onClick={() => open("duplicate")}>
            <Copy aria-hidden="true" className="h-4 w-4 text-slate-400" />
            Duplicate…
          </button>
        ) : null}
        {workflow.canWrite && !isArchived ? (
          <button role="menuitem" type="button" className={ITEM} onClick={() => open("archive")}>
            <Archive aria-hidden="true" className="h-4 w-4 text-slate-400" />
            Archive…
          </button>
        ) : null}
        {workflow.canWrite && isArchived ? (
          <button role="menuitem" type="button" className={ITEM} onClick={restore}>
            <ArchiveRestore aria-hidden="true" className="h-4 w-4 text-slate-400" />
            Restore
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-1 max-w-48 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {dialog === "duplicate" ? (
        <DuplicateWorkflowDialog workflow={workflow} teams={writableTeams} isOpen onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "archive" ? <ArchiveWorkflowDialog workflow={workflow} isOpen onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
