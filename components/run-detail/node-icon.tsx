import {
  Box,
  CalendarClock,
  CodeXml,
  Flag,
  GitBranchPlus,
  GitFork,
  Globe,
  Merge,
  MousePointerClick,
  Plug,
  Radio,
  Repeat,
  ScanText,
  Search,
  Shuffle,
  Smile,
  Sparkles,
  Split,
  Tags,
  Timer,
  UserCheck,
  Webhook,
  Workflow,
  type LucideIcon,
} from "lucide-react";
import { NODE_DEFINITIONS, findDefinition } from "@/server/nodes/registry.shared";

// Node definitions name their icon as a string (they are isomorphic data); the components live here. Imported one by
// one so the bundle carries only these.
const ICONS: Record<string, LucideIcon> = {
  tags: Tags,
  "scan-text": ScanText,
  sparkles: Sparkles,
  search: Search,
  smile: Smile,
  "user-check": UserCheck,
  split: Split,
  timer: Timer,
  merge: Merge,
  repeat: Repeat,
  flag: Flag,
  "git-branch-plus": GitBranchPlus,
  workflow: Workflow,
  "git-fork": GitFork,
  "code-2": CodeXml,
  globe: Globe,
  plug: Plug,
  shuffle: Shuffle,
  radio: Radio,
  "mouse-pointer-click": MousePointerClick,
  "calendar-clock": CalendarClock,
  webhook: Webhook,
};

export function nodeTypeLabel(type: string): string {
  return findDefinition(type)?.label ?? type;
}

// Resolved once at module scope, so render only looks a component up (never builds one).
const ICONS_BY_TYPE: Record<string, LucideIcon> = Object.fromEntries(
  Object.keys(NODE_DEFINITIONS).map((type) => [type, iconOf(type)]),
);

const CATEGORY_STYLES: Record<string, string> = {
  trigger: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  ai: "bg-violet-50 text-violet-700 ring-violet-200",
  tool: "bg-sky-50 text-sky-700 ring-sky-200",
  control: "bg-amber-50 text-amber-700 ring-amber-200",
};

function iconOf(type: string): LucideIcon {
  const name = findDefinition(type)?.icon;
  return (name ? ICONS[name] : undefined) ?? Box;
}

export function NodeIcon({ type }: { type: string }) {
  const Icon = ICONS_BY_TYPE[type] ?? Box;
  const style = CATEGORY_STYLES[findDefinition(type)?.category ?? ""] ?? "bg-slate-100 text-slate-600 ring-slate-200";
  return (
    <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-md ring-1 ring-inset ${style}`}>
      <Icon aria-hidden="true" className="h-4 w-4" />
    </span>
  );
}
