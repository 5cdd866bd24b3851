"use client";

import { memo, useMemo, useState, type DragEvent } from "react";
import { Search } from "lucide-react";
import { NodeIcon } from "@/components/run-detail/node-icon";
import { NODE_DEFINITIONS } from "@/server/nodes/registry.shared";
import type { TNodeCategory, TNodeType } from "@/server/workflows/graph.shared";

export const PALETTE_DRAG_TYPE = "application/x-baton-node";

const CATEGORIES: { id: TNodeCategory; label: string }[] = [
  { id: "trigger", label: "Triggers" },
  { id: "ai", label: "AI" },
  { id: "tool", label: "Tools" },
  { id: "control", label: "Control" },
];

const ENTRIES = Object.values(NODE_DEFINITIONS).map((d) => ({
  type: d.type as TNodeType,
  label: d.label,
  category: d.category,
  description: d.description,
  haystack: `${d.label} ${d.type} ${d.description}`.toLowerCase(),
}));

type TProps = {
  isReadOnly: boolean;
  /** Adds the node where the person is looking (keyboard, or a click without a drag). */
  onAdd: (type: TNodeType) => void;
};

/** The node catalog, grouped by category, searchable, dragged onto the canvas or added with Enter. */
function NodePaletteView({ isReadOnly, onAdd }: TProps) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = ENTRIES.filter((e) => words.every((w) => e.haystack.includes(w)));
    return CATEGORIES.map((c) => ({ ...c, entries: matches.filter((e) => e.category === c.id) })).filter((g) => g.entries.length > 0);
  }, [query]);

  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: TNodeType) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.setData("text/plain", type);
    event.dataTransfer.effectAllowed = "copy";
  };

  return (
    <nav aria-label="Node palette" className="flex h-full w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="border-b border-slate-100 p-2">
        <label className="relative block">
          <span className="sr-only">Search nodes</span>
          <Search aria-hidden="true" className="pointer-events-none absolute left-2 top-2 h-4 w-4 text-slate-400" />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search nodes"
            className="w-full rounded-md border border-slate-200 py-1.5 pl-8 pr-2 text-sm outline-none focus-visible:border-brand-500 focus-visible:ring-2 focus-visible:ring-brand-500/30"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {groups.length === 0 ? <p className="p-2 text-sm text-slate-500">No node matches “{query}”.</p> : null}
        {groups.map((group) => (
          <section key={group.id} aria-labelledby={`palette-${group.id}`} className="mb-3">
            <h3 id={`palette-${group.id}`} className="px-1 pb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
              {group.label}
            </h3>
            <ul className="space-y-0.5">
              {group.entries.map((entry) => (
                <li key={entry.type}>
                  <button
                    type="button"
                    draggable={!isReadOnly}
                    disabled={isReadOnly}
                    onDragStart={(e) => onDragStart(e, entry.type)}
                    onClick={() => onAdd(entry.type)}
                    title={`${entry.description}\n\nDrag onto the canvas, or press Enter to add.`}
                    data-testid={`palette-${entry.type}`}
                    className="flex w-full cursor-grab items-center gap-2 rounded-md px-1.5 py-1 text-left text-sm text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500 disabled:cursor-not-allowed disabled:opacity-60"
                  >
                    <NodeIcon type={entry.type} />
                    <span className="truncate">{entry.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}

export const NodePalette = memo(NodePaletteView);
